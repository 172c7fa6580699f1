// Runtime benchmark, the parts without a broker: per-message cost of the publisher's validation +
// key + envelope, of the consumer's decode + envelope check + validation, and the in-memory
// transport end to end. Used by bench/runtime.mjs.
import { performance } from "node:perf_hooks";

/** A catalog message as generated code would describe it, with a compiled ajv validator. */
export function orderSpec(runtime, ajv, topic) {
  const payload = ajv.compile({
    type: "object",
    required: ["orderId", "customerId", "total", "currency", "lines"],
    properties: {
      orderId: { type: "string", minLength: 1 },
      customerId: { type: "string", format: "uuid" },
      total: { type: "integer", minimum: 0 },
      currency: { enum: ["EUR", "USD", "GBP"] },
      lines: {
        type: "array",
        items: {
          type: "object",
          required: ["sku", "quantity"],
          properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 } },
        },
      },
    },
    additionalProperties: false,
  });
  const headers = ajv.compile({
    type: "object",
    required: ["ce_id", "ce_source", "ce_type", "ce_specversion", "content-type"],
  });
  return {
    name: "OrderCreated",
    topic,
    type: "dev.eventline.orders.OrderCreated.v1",
    partitionKey: "/orderId",
    validatePayload: runtime.fromAjv(payload),
    validateHeaders: runtime.fromAjv(headers),
  };
}

export function order(i) {
  return {
    orderId: `order-${i % 1000}`,
    customerId: "6f1c2b9e-3a4d-4e5f-8a7b-9c0d1e2f3a4b",
    total: 1000 + i,
    currency: "EUR",
    lines: [
      { sku: "sku-1", quantity: 1 + (i % 3) },
      { sku: "sku-2", quantity: 2 },
    ],
  };
}

/** A transport that accepts everything at once: what is left is Eventline's own per-message work. */
function nullTransport() {
  let offset = 0;
  return {
    sent: [],
    async send(_topic, records) {
      return records.map(() => ({ partition: 0, offset: offset++ }));
    },
    consume() {
      throw new Error("not used");
    },
  };
}

/** A transport that hands prebuilt records to the consumer as fast as it takes them. */
function replayTransport(records) {
  return {
    async send() {
      return [];
    },
    consume({ handle }) {
      let stopping = false;
      const done = (async () => {
        for (const r of records) {
          if (stopping) break;
          await handle(r);
        }
      })();
      return {
        done,
        async stop() {
          stopping = true;
          await done;
        },
      };
    },
  };
}

/** µs per message: publish() through validation + key + envelope + encoding, onto a null transport. */
export async function publishMicro(runtime, ajv, messages) {
  const publisher = runtime.createPublisher({
    transport: nullTransport(),
    source: "/bench/orders",
    messages: [orderSpec(runtime, ajv, "orders")],
  });
  for (let i = 0; i < 2000; i++) await publisher.publish("OrderCreated", order(i)); // warm-up
  const payloads = Array.from({ length: messages }, (_, i) => order(i));
  const start = performance.now();
  for (const p of payloads) await publisher.publish("OrderCreated", p);
  const eventline = ((performance.now() - start) * 1000) / messages;
  // The baseline a raw producer pays before its send: the payload's JSON and bytes.
  const encoder = new TextEncoder();
  const rawStart = performance.now();
  for (const p of payloads) encoder.encode(JSON.stringify(p));
  const raw = ((performance.now() - rawStart) * 1000) / messages;
  return { eventline, raw };
}

/** µs per message: the consumer's envelope read, decode, validation and handler call, no broker. */
export async function consumeMicro(runtime, ajv, messages) {
  const spec = orderSpec(runtime, ajv, "orders");
  const records = [];
  const capture = {
    async send(topic, batch) {
      for (const r of batch) records.push({ ...r, topic, partition: 0, offset: records.length });
      return batch.map(() => ({ partition: 0, offset: 0 }));
    },
    consume() {
      throw new Error("not used");
    },
  };
  const publisher = runtime.createPublisher({ transport: capture, source: "/bench", messages: [spec] });
  for (let i = 0; i < messages; i++) await publisher.publish("OrderCreated", order(i));
  const time = async () => {
    let handled = 0;
    const consumer = runtime.createConsumer({
      transport: replayTransport(records),
      groupId: "bench",
      messages: [spec],
      handlers: {
        OrderCreated: () => {
          handled++;
        },
      },
    });
    const start = performance.now();
    const sub = consumer.start();
    await sub.done;
    const us = ((performance.now() - start) * 1000) / messages;
    if (handled !== messages) throw new Error(`consume micro-benchmark handled ${handled} of ${messages}`);
    return us;
  };
  await time(); // warm-up
  return time();
}

/** Messages/s through the in-memory broker: publish N, then consume N with commits. */
export async function inMemory(runtime, ajv, messages) {
  const broker = runtime.createInMemoryBroker();
  broker.createTopic("orders", { partitions: 3 });
  const transport = runtime.createInMemoryTransport(broker, { pollIntervalMs: 1 });
  const spec = orderSpec(runtime, ajv, "orders");
  const publisher = runtime.createPublisher({ transport, source: "/bench", messages: [spec] });
  const payloads = Array.from({ length: messages }, (_, i) => order(i));
  const publishStart = performance.now();
  for (const p of payloads) await publisher.publish("OrderCreated", p);
  const publishMs = performance.now() - publishStart;
  let handled = 0;
  let finished = () => undefined;
  const all = new Promise((resolve) => {
    finished = resolve;
  });
  const consumer = runtime.createConsumer({
    transport,
    groupId: "bench",
    messages: [spec],
    handlers: {
      OrderCreated: () => {
        if (++handled === messages) finished();
      },
    },
  });
  const consumeStart = performance.now();
  const sub = consumer.start();
  await all;
  const consumeMs = performance.now() - consumeStart;
  await sub.stop();
  return {
    publish: (messages / publishMs) * 1000,
    consume: (messages / consumeMs) * 1000,
    endToEnd: (messages / (publishMs + consumeMs)) * 1000,
  };
}
