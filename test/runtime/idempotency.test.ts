import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { createInMemoryIdempotencyStore } from "../../src/runtime/idempotency.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import type { DeliveredRecord, Transport } from "../../src/runtime/transport.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise the test resolves by hand, so two deliveries provably overlap. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("in-memory idempotency store", () => {
  it("runs the work once for two concurrent deliveries of one key: the second waits, then is a duplicate", async () => {
    const store = createInMemoryIdempotencyStore();
    const { opened, open } = gate();
    let runs = 0;
    const work = async () => {
      runs++;
      await opened;
    };
    const first = store.process("k", work);
    const second = store.process("k", work);
    await sleep(20);
    expect(runs).toBe(1);
    open();
    expect(await Promise.all([first, second])).toEqual(["processed", "duplicate"]);
    expect(runs).toBe(1);
  });

  it("lets the waiting delivery run when the first one fails, and keeps other keys independent", async () => {
    const store = createInMemoryIdempotencyStore();
    const { opened, open } = gate();
    const runs: string[] = [];
    const first = store.process("k", async () => {
      runs.push("first");
      await opened;
      throw new Error("first delivery failed");
    });
    const second = store.process("k", async () => {
      runs.push("second");
    });
    // Another key is not held up by the reservation of "k".
    expect(await store.process("other", async () => void runs.push("other"))).toBe("processed");
    expect(runs).toEqual(["first", "other"]);
    open();
    await expect(first).rejects.toThrow("first delivery failed");
    expect(await second).toBe("processed");
    expect(runs).toEqual(["first", "other", "second"]);
    expect(store.has("k")).toBe(true);
  });

  it("runs the handler once when one event arrives on two partitions handled at the same time", async () => {
    const spec: MessageSpec = { name: "OrderCreated", topic: "orders", type: "t.OrderCreated" };
    const headers = { ce_id: "same-event", ce_source: "/test", ce_type: spec.type, ce_specversion: "1.0" };
    const record = (partition: number): DeliveredRecord => ({
      topic: "orders",
      partition,
      offset: 0,
      key: null,
      value: new TextEncoder().encode("{}"),
      headers,
    });
    // Hands both partitions' records to the consumer at once, as a transport consuming partitions
    // concurrently (or two processes sharing the store) does.
    const outcomes: Promise<void>[] = [];
    const transport: Transport = {
      send: async () => [],
      consume: ({ handle }) => {
        outcomes.push(handle(record(0)), handle(record(1)));
        return { done: Promise.all(outcomes).then(() => undefined), stop: async () => undefined };
      },
    };
    let effects = 0;
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      idempotency: createInMemoryIdempotencyStore(),
      handlers: {
        OrderCreated: async () => {
          await sleep(20);
          effects++;
        },
      },
    });
    await consumer.start().done;
    expect(effects).toBe(1);
    expect(consumer.stats).toMatchObject({ consumed: 1, duplicates: 1 });
  });
});
