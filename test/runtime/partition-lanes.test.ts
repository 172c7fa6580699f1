import { describe, expect, it } from "vitest";
import { createKafkaTransport } from "../../src/kafka/transport.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import {
  DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY,
  partitionConcurrency,
  runLanes,
} from "../../src/runtime/partition-lanes.js";
import { thrown } from "../support/waiting.js";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("partition lanes", () => {
  it("runs at most `limit` lanes at once, each lane's items in order", async () => {
    let running = 0;
    let most = 0;
    const seen: string[] = [];
    const lanes = ["a", "b", "c", "d", "e"].map((l) => [1, 2, 3].map((i) => `${l}${i}`));
    await runLanes(lanes, 2, async (lane) => {
      running++;
      most = Math.max(most, running);
      for (const item of lane) {
        await tick();
        seen.push(item);
      }
      running--;
    });
    expect(most).toBe(2);
    expect(seen.sort()).toEqual(lanes.flat().sort());
    for (const lane of lanes) expect(seen.filter((s) => s[0] === lane[0]![0]).join()).toBe(lane.join()); // order kept per lane
  });

  it("starts no lane after a failure, waits for the started ones, and rejects with the first failure", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = runLanes([0, 1, 2, 3, 4], 2, async (lane) => {
      started.push(lane);
      await tick();
      if (lane === 0) throw new Error("lane 0 failed");
      await tick();
      finished.push(lane);
    });
    await expect(run).rejects.toThrow("lane 0 failed");
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });

  it("checks partitionsConsumedConcurrently: a positive integer, default 4", () => {
    expect(partitionConcurrency(undefined)).toBe(DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY);
    expect(DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY).toBe(4);
    expect(partitionConcurrency(1)).toBe(1);
    const transports = {
      "in-memory": (n: number) =>
        createInMemoryTransport(createInMemoryBroker(), { partitionsConsumedConcurrently: n }),
      // Checked when the transport is created, before anything connects.
      kafka: (n: number) =>
        createKafkaTransport({ kafka: { brokers: ["127.0.0.1:1"] }, partitionsConsumedConcurrently: n }),
    };
    for (const [name, create] of Object.entries(transports)) {
      for (const bad of [0, -1, 1.5, Number.NaN]) {
        const error = thrown(() => create(bad));
        expect(isEventlineRuntimeError(error) && error.code, `${name} ${bad}`).toBe(
          "TRANSPORT_OPTIONS_INVALID",
        );
        expect((error as Error).message).toBe(
          `partitionsConsumedConcurrently must be a positive integer, got ${bad}`,
        );
      }
    }
  });
});
