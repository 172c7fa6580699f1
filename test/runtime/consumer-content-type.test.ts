import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";

const TOPIC = "orders.events.v1";
const DLQ = "billing.dead-letter.v1";
const spec: MessageSpec = {
  name: "OrderCreated",
  topic: TOPIC,
  type: "dev.eventline.orders.OrderCreated.v1",
};

/** A record whose value parses as JSON whatever its content-type header claims. */
function produce(broker: ReturnType<typeof createInMemoryBroker>, id: string, contentType?: string) {
  broker.produce(TOPIC, {
    key: null,
    value: new TextEncoder().encode(JSON.stringify({ id })),
    headers: {
      ce_id: id,
      ce_source: "/services/orders",
      ce_type: spec.type,
      ce_specversion: "1.0",
      ...(contentType === undefined ? {} : { "content-type": contentType }),
    },
  });
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("consumer and the record's content type", () => {
  it("handles JSON (absent, with parameters, +json) and dead-letters every other content type unhandled", async () => {
    const broker = createInMemoryBroker();
    broker.createTopic(TOPIC);
    broker.createTopic(DLQ);
    const json = [
      undefined,
      "application/json",
      "application/json; charset=utf-8",
      "application/vnd.orders+json",
    ];
    const other = [
      "application/avro",
      "application/cloudevents+json",
      "application/json; charset=iso-8859-1",
    ];
    for (const [i, type] of json.entries()) produce(broker, `json-${i}`, type);
    for (const [i, type] of other.entries()) produce(broker, `other-${i}`, type);
    const handled: string[] = [];
    const consumer = createConsumer({
      transport: createInMemoryTransport(broker, { pollIntervalMs: 5 }),
      groupId: "billing",
      messages: [spec],
      handlers: { OrderCreated: ({ envelope }) => void handled.push(envelope.id) },
      deadLetter: { topic: DLQ, maxAttempts: 3 },
    });
    const subscription = consumer.start();
    await until(() => consumer.stats.consumed + consumer.stats.deadLettered === 7);
    await subscription.stop();
    expect(handled).toEqual(["json-0", "json-1", "json-2", "json-3"]);
    expect(consumer.stats).toMatchObject({ consumed: 4, deadLettered: 3, retries: 0 });
    const dead = broker.inspect.records(DLQ, 0);
    expect(dead.map((r) => r.headers.ce_id)).toEqual(["other-0", "other-1", "other-2"]);
    expect(dead[0]!.headers).toMatchObject({
      "eventline-error":
        'unsupported content type "application/avro": the consumer reads JSON (application/json or a +json type, UTF-8)',
      "eventline-attempts": "0",
      "content-type": "application/avro",
    });
  });

  it("without a dead-letter channel, stops on an unsupported content type without committing it", async () => {
    const broker = createInMemoryBroker();
    broker.createTopic(TOPIC);
    produce(broker, "avro", "application/avro");
    let calls = 0;
    const consumer = createConsumer({
      transport: createInMemoryTransport(broker, { pollIntervalMs: 5 }),
      groupId: "billing",
      messages: [spec],
      handlers: { OrderCreated: () => void calls++ },
    });
    const subscription = consumer.start();
    const error = await Promise.race([
      subscription.done.then(
        () => "stopped without an error",
        (e: unknown) => e,
      ),
      new Promise((r) => setTimeout(() => r("still running after 2 s"), 2_000)),
    ]);
    await subscription.stop();
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    expect((error as Error).message).toMatch(/unsupported content type "application\/avro"/);
    expect(calls).toBe(0);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBeUndefined();
  });
});
