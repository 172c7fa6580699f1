import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { afterAll, describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { until } from "../support/waiting.js";

// The runtime's metric set through the standard OpenTelemetry Prometheus exporter, as docs/runtime.md
// shows it: the names a scrape sees are the ones `eventline monitor rules` writes alerts on.

describe("runtime metrics on a Prometheus endpoint", () => {
  const exporter = new PrometheusExporter({ port: 0, preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  afterAll(() => provider.shutdown());

  it("exposes sent, consumed, dead-lettered and the process duration histogram (seconds, the conventions' buckets)", async () => {
    const meter = provider.getMeter("eventline");
    const broker = createInMemoryBroker();
    broker.createTopic("orders", { partitions: 1 });
    broker.createTopic("orders.dead");
    const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const spec = { name: "OrderPlaced", topic: "orders", type: "shop.OrderPlaced.v1" };
    const publisher = createPublisher({ transport, source: "/test", messages: [spec], meter });
    const consumer = createConsumer({
      transport,
      groupId: "shop",
      messages: [spec],
      deadLetter: { topic: "orders.dead", maxAttempts: 1 },
      meter,
      handlers: {
        OrderPlaced: ({ payload }) => {
          if ((payload as { n: number }).n === 2) throw new Error("boom");
        },
      },
    });
    for (const n of [1, 2, 3]) await publisher.publish("OrderPlaced", { n });
    const subscription = consumer.start();
    await until(() => consumer.stats.consumed === 2 && consumer.stats.deadLettered === 1);
    await subscription.stop();

    const text = await new Promise<string>((resolve) => {
      exporter.getMetricsRequestHandler(
        {} as never,
        { statusCode: 0, setHeader: () => undefined, end: (body: string) => resolve(body) } as never,
      );
    });
    const value = (line: RegExp) =>
      Number(
        text
          .split("\n")
          .find((l) => line.test(l))
          ?.split(" ")
          .at(-1),
      );
    expect(value(/^messaging_client_sent_messages_total\{/)).toBe(3);
    expect(value(/^messaging_client_consumed_messages_total\{.*messaging_consumer_group_name="shop"/)).toBe(
      2,
    );
    expect(value(/^eventline_messages_dead_lettered_total\{.*error_type="handler_failed"/)).toBe(1);
    // The exporter keeps the name as it is (no unit suffix); the unit is in the UNIT line.
    expect(text).toContain("# TYPE messaging_process_duration histogram");
    expect(text).toContain("# UNIT messaging_process_duration s");
    expect(text).toMatch(/messaging_process_duration_bucket\{[^}]*le="0\.005"\}/);
    expect(value(/^messaging_process_duration_count\{(?![^}]*error_type)/)).toBe(2);
  });
});
