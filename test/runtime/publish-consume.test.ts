import { describe, expect, it } from "vitest";
import { createConsumer, type Handler } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryIdempotencyStore } from "../../src/runtime/idempotency.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { partitionForKey } from "../../src/runtime/murmur2.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { fromAjv } from "../../src/runtime/validation.js";
import { createAjv } from "../../src/schema/ajv.js";

const ajv = createAjv("2020-12");
const orderCreated: MessageSpec = {
  name: "OrderCreated",
  topic: "orders.events.v1",
  type: "dev.eventline.orders.OrderCreated.v1",
  partitionKey: "/orderId",
  validatePayload: fromAjv(
    ajv.compile({
      type: "object",
      required: ["orderId", "total"],
      properties: { orderId: { type: "string", minLength: 1 }, total: { type: "integer", minimum: 0 } },
      additionalProperties: false,
    }),
  ),
  validateHeaders: fromAjv(ajv.compile({ type: "object", required: ["ce_id", "ce_type", "content-type"] })),
};

function platform(partitions = 3) {
  const broker = createInMemoryBroker();
  broker.createTopic("orders.events.v1", { partitions });
  broker.createTopic("billing.dead-letter.v1");
  const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
  const publisher = createPublisher({ transport, source: "/services/orders", messages: [orderCreated] });
  return { broker, transport, publisher };
}

/** Runs a consumer until `until()` holds (or 5 s pass), then stops it. */
async function consumeUntil(
  start: () => { stop(): Promise<void>; done: Promise<void> },
  until: () => boolean,
) {
  const sub = start();
  const deadline = Date.now() + 5_000;
  while (!until() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await sub.stop();
  return sub;
}

const noSleep = async () => undefined;

describe("publisher", () => {
  it("validates, keys by the partition key and envelopes as CloudEvents binary mode", async () => {
    const { broker, publisher } = platform(12);
    const sent = await publisher.publish("OrderCreated", { orderId: "order-1", total: 5 });
    expect(sent).toMatchObject({
      topic: "orders.events.v1",
      partition: partitionForKey("order-1", 12),
      offset: 0,
      key: "order-1",
    });
    const [record] = broker.inspect.records("orders.events.v1", sent.partition);
    expect(record!.headers).toMatchObject({
      ce_id: sent.id,
      ce_source: "/services/orders",
      ce_type: orderCreated.type,
      ce_specversion: "1.0",
      "content-type": "application/json",
    });
    expect(record!.headers.ce_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(new TextDecoder().decode(record!.value!))).toEqual({ orderId: "order-1", total: 5 });
  });

  it("sends nothing when the payload is invalid, and names the pointer and rule", async () => {
    const { broker, publisher } = platform();
    const error = await publisher
      .publish("OrderCreated", { orderId: "o", total: -1 })
      .catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("PAYLOAD_INVALID");
    expect((error as Error).message).toContain("/total");
    expect((error as Error).message).toContain("(minimum)");
    expect(broker.inspect.lag("nobody", "orders.events.v1").every((p) => p.highWatermark === 0)).toBe(true);
    const unknown = await publisher.publish("Nope", {}).catch((e: unknown) => e);
    expect(isEventlineRuntimeError(unknown) && unknown.code).toBe("UNKNOWN_MESSAGE");
  });
});

describe("consumer on the in-memory transport", () => {
  it("handles valid messages in per-key order and commits after each", async () => {
    const { broker, transport, publisher } = platform();
    for (let i = 0; i < 30; i++) await publisher.publish("OrderCreated", { orderId: `o${i % 5}`, total: i });
    const seen = new Map<string, number[]>();
    const handler: Handler = ({ payload }) => {
      const p = payload as { orderId: string; total: number };
      seen.set(p.orderId, [...(seen.get(p.orderId) ?? []), p.total]);
    };
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: { OrderCreated: handler },
      deadLetter: { topic: "billing.dead-letter.v1", maxAttempts: 3 },
    });
    await consumeUntil(consumer.start, () => consumer.stats.consumed === 30);
    expect(consumer.stats.consumed).toBe(30);
    // Each message exactly once (a duplicate plus a loss would keep the count and the order).
    expect([...seen.values()].flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    for (const [key, totals] of seen) expect(totals, key).toEqual([...totals].sort((a, b) => a - b));
    expect(broker.inspect.lag("billing").reduce((n, p) => n + p.lag, 0)).toBe(0);
  });

  it("retries a failing handler with backoff, then dead-letters it with the error headers; the partition moves on", async () => {
    const { broker, transport, publisher } = platform(1);
    await publisher.publish("OrderCreated", { orderId: "poison", total: 1 });
    await publisher.publish("OrderCreated", { orderId: "good", total: 2 });
    const delays: number[] = [];
    const handled: string[] = [];
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: {
        OrderCreated: ({ payload, attempt }) => {
          const id = (payload as { orderId: string }).orderId;
          if (id === "poison") throw new Error(`boom ${attempt}`);
          handled.push(id);
        },
      },
      deadLetter: { topic: "billing.dead-letter.v1", maxAttempts: 3 },
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
    });
    await consumeUntil(consumer.start, () => handled.length === 1);
    expect(consumer.stats).toMatchObject({ consumed: 1, retries: 2, deadLettered: 1 });
    expect(delays).toEqual([100, 200]);
    const [dead] = broker.inspect.records("billing.dead-letter.v1", 0);
    expect(dead!.headers).toMatchObject({
      "eventline-error": "handler failed after 3 attempts: boom 3",
      "eventline-attempts": "3",
      "eventline-original-topic": "orders.events.v1",
      "eventline-original-partition": "0",
      "eventline-original-offset": "0",
      ce_type: orderCreated.type,
    });
    expect(new TextDecoder().decode(dead!.key!)).toBe("poison");
  });

  it("dead-letters invalid, undecodable and unknown messages without calling the handler", async () => {
    const { broker, transport } = platform(1);
    const enc = new TextEncoder();
    const ce = { ce_id: "1", ce_source: "/x", ce_specversion: "1.0", "content-type": "application/json" };
    broker.produce("orders.events.v1", {
      key: null,
      value: enc.encode('{"orderId":""}'),
      headers: { ...ce, ce_type: orderCreated.type },
    });
    broker.produce("orders.events.v1", {
      key: null,
      value: enc.encode("{not json"),
      headers: { ...ce, ce_type: orderCreated.type },
    });
    broker.produce("orders.events.v1", {
      key: null,
      value: enc.encode("{}"),
      headers: { ...ce, ce_type: "something.else" },
    });
    broker.produce("orders.events.v1", { key: null, value: enc.encode("{}"), headers: {} });
    let calls = 0;
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: { OrderCreated: () => void calls++ },
      deadLetter: { topic: "billing.dead-letter.v1", maxAttempts: 3 },
    });
    await consumeUntil(consumer.start, () => consumer.stats.deadLettered === 4);
    expect(calls).toBe(0);
    const reasons = broker.inspect
      .records("billing.dead-letter.v1", 0)
      .map((r) => r.headers["eventline-error"]);
    expect(reasons[0]).toMatch(/^OrderCreated is invalid: payload: /);
    expect(reasons[1]).toMatch(/^undecodable payload/);
    expect(reasons[2]).toBe('unknown message type "something.else" on orders.events.v1');
    expect(reasons[3]).toMatch(/^missing or invalid CloudEvents headers/);
  });

  it("skips redelivered duplicates through the idempotency store", async () => {
    const { transport, publisher } = platform(1);
    await publisher.publish("OrderCreated", { orderId: "a", total: 1 }, { id: "same" });
    await publisher.publish("OrderCreated", { orderId: "a", total: 1 }, { id: "same" });
    await publisher.publish("OrderCreated", { orderId: "b", total: 2 });
    const effects: string[] = [];
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: {
        OrderCreated: ({ payload }) => void effects.push((payload as { orderId: string }).orderId),
      },
      deadLetter: { topic: "billing.dead-letter.v1", maxAttempts: 1 },
      idempotency: createInMemoryIdempotencyStore(),
      sleep: noSleep,
    });
    await consumeUntil(consumer.start, () => consumer.stats.consumed + consumer.stats.duplicates === 3);
    expect(effects).toEqual(["a", "b"]);
    expect(consumer.stats.duplicates).toBe(1);
  });

  it("without a dead-letter channel, a poison message stops the consumer uncommitted; a restart redelivers it", async () => {
    const { broker, transport, publisher } = platform(1);
    await publisher.publish("OrderCreated", { orderId: "poison", total: 1 });
    let fail = true;
    const make = () =>
      createConsumer({
        transport,
        groupId: "billing",
        messages: [orderCreated],
        handlers: {
          OrderCreated: () => {
            if (fail) throw new Error("boom");
          },
        },
      });
    const first = make().start();
    const error = await first.done.catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    expect(broker.inspect.committed("billing", "orders.events.v1", 0)).toBeUndefined();
    fail = false;
    const second = make();
    await consumeUntil(second.start, () => second.stats.consumed === 1);
    expect(broker.inspect.committed("billing", "orders.events.v1", 0)).toBe(1);
  });

  it("refuses to start without a handler for every received message", () => {
    const { transport } = platform();
    expect(() => createConsumer({ transport, groupId: "g", messages: [orderCreated], handlers: {} })).toThrow(
      /no handler/,
    );
  });
});
