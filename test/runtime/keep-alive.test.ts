import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import { keepAlive } from "../../src/runtime/keep-alive.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import type { Transport } from "../../src/runtime/transport.js";

const spec: MessageSpec = { name: "Booked", topic: "t", type: "dev.eventline.Booked.v1" };
const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("heartbeats while a record waits in a retry backoff", () => {
  it("calls the record's heartbeat during the backoff, not while the handler runs", async () => {
    const broker = createInMemoryBroker();
    broker.createTopic("t");
    broker.createTopic("dlq");
    const inner = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const beats: number[] = [];
    let started = 0;
    // The in-memory broker has no sessions; this transport hands out a heartbeat as kafkajs's does.
    const transport: Transport = {
      send: inner.send,
      consume: (options) =>
        inner.consume({
          ...options,
          handle: (record) =>
            options.handle({ ...record, heartbeat: async () => void beats.push(Date.now() - started) }),
        }),
    };
    await createPublisher({ transport, source: "/test", messages: [spec] }).publish("Booked", { n: 1 });
    const handled: number[] = [];
    const consumer = createConsumer({
      transport,
      groupId: "g",
      messages: [spec],
      handlers: {
        Booked: async ({ attempt }) => {
          handled.push(attempt);
          if (attempt === 1) {
            started = Date.now();
            throw new Error("not yet");
          }
          await wait(1_500); // a slow handler is not kept alive: it must finish within the session
        },
      },
      retry: { initialDelayMs: 2_500, jitter: 0 },
      deadLetter: { topic: "dlq", maxAttempts: 2 },
    });
    const subscription = consumer.start();
    while (consumer.stats.consumed < 1) await wait(10);
    await subscription.stop();
    expect(handled).toEqual([1, 2]);
    // At once, then every second of the 2.5 s backoff; none during the second handler run.
    expect(beats).toHaveLength(3);
    expect(beats[2]!).toBeLessThan(2_500);
  });

  it("ignores a failing heartbeat, and never has two heartbeats in flight", async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const heartbeat = async () => {
      calls++;
      inFlight++;
      most = Math.max(most, inFlight);
      await wait(35);
      inFlight--;
      throw new Error("rebalance in progress");
    };
    await keepAlive(wait(100), heartbeat, 10);
    expect(most).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(3);
  });
});
