import { type Attributes, context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { createConsumer, type Handler } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryIdempotencyStore } from "../../src/runtime/idempotency.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { traceHeaderNames, withoutTraceHeaders } from "../../src/runtime/telemetry.js";
import { fromAjv } from "../../src/runtime/validation.js";
import { createAjv } from "../../src/schema/ajv.js";

const TOPIC = "orders.events.v1";
const DLQ = "billing.dead-letter.v1";
const ajv = createAjv("2020-12");
const orderCreated: MessageSpec = {
  name: "OrderCreated",
  topic: TOPIC,
  type: "dev.eventline.orders.OrderCreated.v1",
  partitionKey: "/orderId",
  validatePayload: fromAjv(
    ajv.compile({ type: "object", required: ["orderId"], properties: { orderId: { type: "string" } } }),
  ),
  // A closed headers schema: trace context must not make the contract's headers invalid.
  validateHeaders: fromAjv(
    ajv.compile({
      type: "object",
      required: ["ce_id", "ce_type"],
      properties: Object.fromEntries(
        ["ce_id", "ce_source", "ce_type", "ce_time", "ce_specversion", "content-type"].map((h) => [
          h,
          { type: "string" },
        ]),
      ),
      additionalProperties: false,
    }),
  ),
};

class TestReader extends MetricReader {
  protected async onShutdown() {}
  protected async onForceFlush() {}
}

/** An SDK that is never registered globally: tracer, meter and propagator are injected. */
function sdk() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry = {
    tracer: tracerProvider.getTracer("eventline"),
    meter: meterProvider.getMeter("eventline"),
    propagator: new W3CTraceContextPropagator(),
  };
  /** Sum of a counter (or count of a histogram) over the data points whose attributes include `where`. */
  async function metric(name: string, where: Attributes = {}): Promise<number> {
    const { resourceMetrics } = await reader.collect();
    const found = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === name);
    let total = 0;
    for (const point of found?.dataPoints ?? []) {
      if (!Object.entries(where).every(([k, v]) => point.attributes[k] === v)) continue;
      const value = point.value as number | { count: number };
      total += typeof value === "number" ? value : value.count;
    }
    return total;
  }
  return { exporter, telemetry, metric };
}

function platform() {
  const broker = createInMemoryBroker();
  broker.createTopic(TOPIC, { partitions: 2 });
  broker.createTopic(DLQ);
  return { broker, transport: createInMemoryTransport(broker, { pollIntervalMs: 5 }) };
}

async function consumeUntil(start: () => { stop(): Promise<void> }, until: () => boolean) {
  const sub = start();
  const deadline = Date.now() + 5_000;
  while (!until() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await sub.stop();
}

const base = { system: "kafka", destination: TOPIC };
const attrs = (extra: Attributes = {}): Attributes => ({
  "messaging.system": base.system,
  "messaging.destination.name": base.destination,
  ...extra,
});

describe("telemetry (injected SDK, in-memory transport)", () => {
  it("links the consumer span to the producer span through traceparent, and counts like the stats", async () => {
    const { exporter, telemetry, metric } = sdk();
    const { broker, transport } = platform();
    const publisher = createPublisher({
      transport,
      source: "/services/orders",
      messages: [orderCreated],
      ...telemetry,
    });
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await publisher.publish("OrderCreated", { orderId: `o-${i}` }));

    const record = broker.inspect.records(TOPIC, sent[0]!.partition)[0]!;
    expect(record.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const handled: string[] = [];
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: {
        OrderCreated: ({ payload }) => void handled.push((payload as { orderId: string }).orderId),
      },
      ...telemetry,
    });
    await consumeUntil(
      () => consumer.start(),
      () => consumer.stats.consumed === 5,
    );
    expect(handled).toHaveLength(5);

    const spans = exporter.getFinishedSpans();
    const producers = spans.filter((s) => s.kind === SpanKind.PRODUCER);
    const consumers = spans.filter((s) => s.kind === SpanKind.CONSUMER);
    expect(producers).toHaveLength(5);
    expect(consumers).toHaveLength(5);
    for (const p of producers) {
      expect(p.name).toBe(`publish ${TOPIC}`);
      expect(p.attributes).toMatchObject(attrs({ "eventline.message.name": "OrderCreated" }));
    }
    for (const c of consumers) {
      expect(c.name).toBe(`process ${TOPIC}`);
      expect(c.attributes).toMatchObject(
        attrs({ "messaging.consumer.group.name": "billing", "eventline.message.name": "OrderCreated" }),
      );
      const parent = producers.find((p) => p.spanContext().spanId === c.parentSpanContext?.spanId);
      expect(parent, "the consumer span's parent is a producer span").toBeDefined();
      expect(c.spanContext().traceId).toBe(parent!.spanContext().traceId);
      expect(c.attributes["messaging.message.id"]).toBe(
        sent.find((s) => s.key === c.attributes["messaging.kafka.message.key"])!.id,
      );
      expect(c.status.code).not.toBe(SpanStatusCode.ERROR);
    }
    // The record's traceparent names the producer span of that message.
    const first = producers.find((p) => record.headers.traceparent!.includes(p.spanContext().spanId));
    expect(first?.spanContext().traceId).toBe(record.headers.traceparent!.split("-")[1]);

    expect(
      await metric("eventline.messages.published", attrs({ "eventline.message.name": "OrderCreated" })),
    ).toBe(5);
    expect(
      await metric("eventline.messages.consumed", attrs({ "messaging.consumer.group.name": "billing" })),
    ).toBe(consumer.stats.consumed);
    expect(await metric("eventline.handler.duration")).toBe(5);
    expect(await metric("eventline.messages.retries")).toBe(0);
  });

  it("records retries as span events and counts them; the dead letter marks the span ERROR", async () => {
    const { exporter, telemetry, metric } = sdk();
    const { broker, transport } = platform();
    const publisher = createPublisher({ transport, source: "/s", messages: [orderCreated], ...telemetry });
    await publisher.publish("OrderCreated", { orderId: "poison" });
    await publisher.publish("OrderCreated", { orderId: "flaky" });
    const runs = new Map<string, number>();
    const handler: Handler = ({ payload }) => {
      const id = (payload as { orderId: string }).orderId;
      runs.set(id, (runs.get(id) ?? 0) + 1);
      if (id === "poison" || runs.get(id) === 1) throw new Error(`cannot bill ${id}`);
    };
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: { OrderCreated: handler },
      deadLetter: { topic: DLQ, maxAttempts: 3 },
      sleep: async () => undefined,
      ...telemetry,
    });
    await consumeUntil(
      () => consumer.start(),
      () => consumer.stats.deadLettered === 1 && consumer.stats.consumed === 1,
    );
    expect(consumer.stats).toMatchObject({ consumed: 1, retries: 3, deadLettered: 1 });
    expect(broker.inspect.highWatermark(DLQ, 0)).toBe(1);

    expect(await metric("eventline.messages.retries", attrs())).toBe(consumer.stats.retries);
    expect(await metric("eventline.messages.dead_lettered", attrs({ "error.type": "handler_failed" }))).toBe(
      1,
    );
    expect(await metric("eventline.handler.duration", { "error.type": "handler_failed" })).toBe(4);
    expect(await metric("eventline.handler.duration")).toBe(5);

    const consumers = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CONSUMER);
    const poison = consumers.find((s) => s.attributes["messaging.kafka.message.key"] === "poison")!;
    const flaky = consumers.find((s) => s.attributes["messaging.kafka.message.key"] === "flaky")!;
    expect(
      poison.events.filter((e) => e.name === "retry").map((e) => e.attributes?.["eventline.attempt"]),
    ).toEqual([1, 2]);
    expect(poison.events.find((e) => e.name === "retry")?.attributes?.["exception.message"]).toBe(
      "cannot bill poison",
    );
    expect(poison.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(poison.status.message).toContain("handler failed after 3 attempts: cannot bill poison");
    expect(poison.attributes["error.type"]).toBe("handler_failed");
    expect(flaky.events.filter((e) => e.name === "retry")).toHaveLength(1);
    expect(flaky.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it("counts duplicates, invalid messages and unsupported content types", async () => {
    const { exporter, telemetry, metric } = sdk();
    const { broker, transport } = platform();
    const publisher = createPublisher({ transport, source: "/s", messages: [orderCreated], ...telemetry });
    await publisher.publish("OrderCreated", { orderId: "a" }, { id: "same" });
    await publisher.publish("OrderCreated", { orderId: "a" }, { id: "same" });
    broker.produce(TOPIC, {
      key: null,
      value: new TextEncoder().encode("{}"),
      headers: { ce_id: "x", ce_source: "/s", ce_type: orderCreated.type, ce_specversion: "1.0" },
    });
    broker.produce(TOPIC, {
      key: null,
      value: new TextEncoder().encode('{"orderId":"a"}'),
      headers: {
        ce_id: "avro",
        ce_source: "/s",
        ce_type: orderCreated.type,
        ce_specversion: "1.0",
        "content-type": "application/avro",
      },
    });
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: { OrderCreated: () => undefined },
      deadLetter: { topic: DLQ, maxAttempts: 2 },
      idempotency: createInMemoryIdempotencyStore(),
      ...telemetry,
    });
    await consumeUntil(
      () => consumer.start(),
      () => consumer.stats.consumed + consumer.stats.duplicates + consumer.stats.deadLettered === 4,
    );
    expect(consumer.stats).toMatchObject({ consumed: 1, duplicates: 1, deadLettered: 2 });
    expect(
      await metric("eventline.messages.duplicates", attrs({ "eventline.message.name": "OrderCreated" })),
    ).toBe(1);
    expect(await metric("eventline.messages.consumed")).toBe(1);
    expect(await metric("eventline.messages.dead_lettered", { "error.type": "invalid" })).toBe(1);
    expect(
      await metric("eventline.messages.dead_lettered", {
        "error.type": "unsupported_content_type",
        "eventline.message.name": "OrderCreated",
      }),
    ).toBe(1);
    const invalid = exporter
      .getFinishedSpans()
      .find((s) => s.kind === SpanKind.CONSUMER && s.attributes["messaging.message.id"] === "x")!;
    expect(invalid.status.code).toBe(SpanStatusCode.ERROR);
    expect(invalid.status.message).toContain("/: must have required property 'orderId'");
    const avro = exporter.getFinishedSpans().find((s) => s.attributes["messaging.message.id"] === "avro")!;
    expect(avro.attributes["error.type"]).toBe("unsupported_content_type");
    const duplicate = exporter.getFinishedSpans().filter((s) => s.attributes["eventline.duplicate"] === true);
    expect(duplicate).toHaveLength(1);
  });

  it("marks a refused publish ERROR and does not count it", async () => {
    const { exporter, telemetry, metric } = sdk();
    const { broker, transport } = platform();
    const publisher = createPublisher({ transport, source: "/s", messages: [orderCreated], ...telemetry });
    const error = await publisher.publish("OrderCreated", { orderId: 7 }).catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("PAYLOAD_INVALID");
    const [span] = exporter.getFinishedSpans();
    expect(span?.kind).toBe(SpanKind.PRODUCER);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.events.some((e) => e.name === "exception")).toBe(true);
    expect(await metric("eventline.messages.published")).toBe(0);
    expect(broker.inspect.highWatermark(TOPIC, 0) + broker.inspect.highWatermark(TOPIC, 1)).toBe(0);
  });

  it("a failing dead-letter send marks the span ERROR and is not counted", async () => {
    const { exporter, telemetry, metric } = sdk();
    const { transport } = platform();
    const publisher = createPublisher({ transport, source: "/s", messages: [orderCreated], ...telemetry });
    await publisher.publish("OrderCreated", { orderId: "poison" });
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: {
        OrderCreated: () => {
          throw new Error("no");
        },
      },
      deadLetter: { topic: "missing.dead-letter", maxAttempts: 1 },
      ...telemetry,
    });
    const sub = consumer.start();
    const error = await sub.done.catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNKNOWN_TOPIC");
    const span = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toContain("unknown topic missing.dead-letter");
    expect(await metric("eventline.messages.dead_lettered")).toBe(0);
  });

  it("runs the handler with the consumer span active when a context manager is registered", async () => {
    // The only global here: a context manager, removed again below.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    try {
      const { exporter, telemetry } = sdk();
      const { transport } = platform();
      const publisher = createPublisher({ transport, source: "/s", messages: [orderCreated], ...telemetry });
      await publisher.publish("OrderCreated", { orderId: "a" });
      const consumer = createConsumer({
        transport,
        groupId: "billing",
        messages: [orderCreated],
        handlers: {
          OrderCreated: () => telemetry.tracer.startSpan("charge card").end(),
        },
        ...telemetry,
      });
      await consumeUntil(
        () => consumer.start(),
        () => consumer.stats.consumed === 1,
      );
      const spans = exporter.getFinishedSpans();
      const process = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
      const child = spans.find((s) => s.name === "charge card")!;
      expect(child.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
      expect(trace.getActiveSpan()).toBeUndefined();
    } finally {
      context.disable();
    }
  });

  it("works with no SDK at all: the global API is a no-op and adds no trace headers", async () => {
    const { broker, transport } = platform();
    const publisher = createPublisher({ transport, source: "/s", messages: [orderCreated] });
    const sent = await publisher.publish("OrderCreated", { orderId: "a" });
    const [record] = broker.inspect.records(TOPIC, sent.partition);
    expect(Object.keys(record!.headers).sort()).toEqual(
      ["ce_id", "ce_source", "ce_specversion", "ce_time", "ce_type", "content-type"].sort(),
    );
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [orderCreated],
      handlers: { OrderCreated: () => undefined },
    });
    await consumeUntil(
      () => consumer.start(),
      () => consumer.stats.consumed === 1,
    );
    expect(consumer.stats.consumed).toBe(1);
  });

  it("strips the propagator's own fields (and W3C's) before header validation", () => {
    const b3 = {
      inject: () => undefined,
      extract: (c: never) => c,
      fields: () => ["b3"],
    };
    expect(traceHeaderNames(b3 as never).sort()).toEqual(["b3", "baggage", "traceparent", "tracestate"]);
    expect(withoutTraceHeaders({ ce_id: "1", b3: "x", traceparent: "y" }, ["b3", "traceparent"])).toEqual({
      ce_id: "1",
    });
  });
});
