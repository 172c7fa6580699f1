import { expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryIdempotencyStore } from "../../src/runtime/idempotency.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import type { DeliveredRecord, Transport } from "../../src/runtime/transport.js";

/** What each transport's test file provides: fresh, uniquely named topics per test. */
export interface TransportFixture {
  transport: Transport;
  /** Creates a topic and returns its (unique) name. */
  topic(base: string, partitions: number): Promise<string>;
  /** Reads back every record of a topic (for dead-letter assertions). */
  readAll(topic: string, expected: number): Promise<DeliveredRecord[]>;
  group(base: string): string;
}

const spec = (topic: string): MessageSpec => ({
  name: "OrderCreated",
  topic,
  type: "dev.eventline.orders.OrderCreated.v1",
  partitionKey: "/orderId",
});

async function until(condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the consumer");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One behavioural suite, run against every transport (in-memory and Kafka). */
export function transportSuite(fixture: () => TransportFixture) {
  it("delivers every published message once, in per-key order, committing as it goes", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    for (let i = 0; i < 60; i++) await publisher.publish("OrderCreated", { orderId: `o${i % 7}`, n: i });
    const seen = new Map<string, number[]>();
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ payload }) => {
          const p = payload as { orderId: string; n: number };
          seen.set(p.orderId, [...(seen.get(p.orderId) ?? []), p.n]);
        },
      },
    });
    const sub = consumer.start();
    await until(() => consumer.stats.consumed === 60);
    await sub.stop();
    expect(consumer.stats.consumed).toBe(60);
    for (const [key, ns] of seen) expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
  });

  it("dead-letters a poison message after maxAttempts with the error headers, and keeps going", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const dlq = await f.topic("dead-letter", 1);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    await publisher.publish("OrderCreated", { orderId: "poison" });
    await publisher.publish("OrderCreated", { orderId: "good" });
    const handled: string[] = [];
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ payload }) => {
          const id = (payload as { orderId: string }).orderId;
          if (id === "poison") throw new Error("cannot bill");
          handled.push(id);
        },
      },
      deadLetter: { topic: dlq, maxAttempts: 3 },
      sleep: async () => undefined,
    });
    const sub = consumer.start();
    await until(() => handled.length === 1);
    await sub.stop();
    const [dead] = await f.readAll(dlq, 1);
    expect(dead!.headers).toMatchObject({
      "eventline-error": "handler failed after 3 attempts: cannot bill",
      "eventline-attempts": "3",
      "eventline-original-topic": topic,
      "eventline-original-offset": "0",
    });
    expect(new TextDecoder().decode(dead!.key!)).toBe("poison");
  });

  it("redelivers an uncommitted message after a crash, and the idempotency store skips what was done", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const group = f.group("billing");
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    await publisher.publish("OrderCreated", { orderId: "a" });
    await publisher.publish("OrderCreated", { orderId: "b" });
    const store = createInMemoryIdempotencyStore();
    const effects: string[] = [];
    let crash = true;
    const make = () =>
      createConsumer({
        transport: f.transport,
        groupId: group,
        messages: [spec(topic)],
        idempotency: store,
        handlers: {
          OrderCreated: ({ payload }) => {
            const id = (payload as { orderId: string }).orderId;
            if (id === "b" && crash) throw new Error("process died");
            effects.push(id);
          },
        },
      });
    const first = make().start();
    const error = await first.done.catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    crash = false;
    const second = make();
    const sub = second.start();
    await until(() => second.stats.consumed + second.stats.duplicates >= 1 && effects.includes("b"));
    await sub.stop();
    expect(effects).toEqual(["a", "b"]);
  });
}
