import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";

const TOPIC = "orders.events.v1";
const spec: MessageSpec = {
  name: "OrderCreated",
  topic: TOPIC,
  type: "dev.eventline.orders.OrderCreated.v1",
  validatePayload: (value) =>
    typeof (value as { orderId?: unknown }).orderId === "string"
      ? []
      : [{ pointer: "/orderId", rule: "required", message: "orderId is required" }],
};

function platform() {
  const broker = createInMemoryBroker();
  broker.createTopic(TOPIC);
  const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
  const publisher = createPublisher({ transport, source: "/services/orders", messages: [spec] });
  return { broker, transport, publisher };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("a retry policy without a dead-letter channel", () => {
  it("retries a failing handler with growing, capped backoff until it succeeds; the partition waits", async () => {
    const { broker, transport, publisher } = platform();
    await publisher.publish("OrderCreated", { orderId: "flaky" });
    await publisher.publish("OrderCreated", { orderId: "next" });
    const handled: string[] = [];
    const delays: number[] = [];
    let failures = 12;
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      retry: { initialDelayMs: 10, factor: 2, maxDelayMs: 200, jitter: 0 },
      handlers: {
        OrderCreated: ({ payload }) => {
          const id = (payload as { orderId: string }).orderId;
          if (id === "flaky" && failures-- > 0) throw new Error("database unavailable");
          handled.push(id);
        },
      },
      sleep: async (ms) => void delays.push(ms),
    });
    const subscription = consumer.start();
    let failed: unknown;
    subscription.done.catch((error: unknown) => {
      failed = error;
    });
    await until(() => handled.length === 2 || failed !== undefined, "both records");
    await subscription.stop();
    expect(failed).toBeUndefined();
    expect(handled).toEqual(["flaky", "next"]);
    expect(consumer.stats).toMatchObject({ consumed: 2, retries: 12, deadLettered: 0 });
    expect(delays).toEqual([10, 20, 40, 80, 160, 200, 200, 200, 200, 200, 200, 200]);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBe(2);
  });

  it("keeps the record uncommitted when stopped during the retries", async () => {
    const { broker, transport, publisher } = platform();
    await publisher.publish("OrderCreated", { orderId: "never" });
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      retry: { initialDelayMs: 1, maxDelayMs: 2 },
      handlers: {
        OrderCreated: () => {
          throw new Error("still down");
        },
      },
    });
    const subscription = consumer.start();
    await until(() => consumer.stats.retries >= 20, "twenty retries");
    await subscription.stop();
    await subscription.done;
    expect(consumer.stats.consumed).toBe(0);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBeUndefined();
  });

  it("still stops the consumer, uncommitted, on a message that can never succeed (invalid)", async () => {
    const { broker, transport } = platform();
    broker.produce(TOPIC, {
      key: null,
      value: new TextEncoder().encode("{}"),
      headers: { ce_id: "1", ce_source: "/x", ce_type: spec.type, ce_specversion: "1.0" },
    });
    let calls = 0;
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      retry: { initialDelayMs: 1 },
      handlers: { OrderCreated: () => void calls++ },
    });
    const error = await consumer
      .start()
      .done.then(() => undefined)
      .catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    expect((error as Error).message).toMatch(/OrderCreated is invalid.*no dead-letter channel configured/);
    expect(calls).toBe(0);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBeUndefined();
  });
});

describe("a zero backoff", () => {
  it("retries on the next turn of the event loop without a timer (setTimeout(0) waits at least 1 ms)", async () => {
    const { transport, publisher } = platform();
    await publisher.publish("OrderCreated", { orderId: "flaky" });
    let failures = 3;
    const handled: string[] = [];
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      retry: { initialDelayMs: 0, maxDelayMs: 0, jitter: 0 },
      handlers: {
        OrderCreated: () => {
          if (failures-- > 0) throw new Error("transient");
          handled.push("done");
        },
      },
    });
    const timers: unknown[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = ((fn: () => void, ms?: number) => {
      if (ms === 0) timers.push(ms);
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout;
    globalThis.setTimeout = spy;
    try {
      const subscription = consumer.start();
      await until(() => handled.length === 1, "the retried record");
      await subscription.stop();
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    expect(handled).toEqual(["done"]);
    expect(timers).toEqual([]);
  });
});
