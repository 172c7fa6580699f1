import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { createKafkaTransport } from "../../src/kafka/transport.js";
import { createConsumer } from "../../src/runtime/consumer.js";
import type { DeliveredRecord } from "../../src/runtime/transport.js";
import { type TransportFixture, transportSuite } from "../runtime/transport-suite.js";
import { ensureBroker } from "./broker.js";

// Started at collection time so the suite can be skipped (with its reason) when there is no broker.
const broker = ensureBroker();
const { brokers, reason } = broker;
const available = brokers.length > 0;
afterAll(() => broker.release());

if (!available) {
  if (process.env.CI === "true") {
    it("needs a Kafka broker under CI", () => {
      expect.fail(`Kafka is required under CI=true: ${reason}`);
    });
  } else {
    console.warn(`Kafka transport suite skipped: ${reason}`);
    it.skip(`Kafka transport suite (skipped: ${reason})`, () => {});
  }
}

describe.runIf(available)("Kafka transport (real broker)", () => {
  const kafka = new Kafka({ clientId: "eventline-tests", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const transports: ReturnType<typeof createKafkaTransport>[] = [];
  const run = randomUUID().slice(0, 8);
  let n = 0;

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.disconnect()));
    await admin.disconnect();
  });

  const fixture = (): TransportFixture => {
    const transport = createKafkaTransport({ kafka });
    transports.push(transport);
    return {
      transport,
      async topic(base, partitions) {
        const name = `${base}-${run}-${++n}`;
        await admin.connect();
        await admin.createTopics({
          topics: [{ topic: name, numPartitions: partitions }],
          waitForLeaders: true,
        });
        return name;
      },
      async readAll(topic, expected) {
        const consumer = kafka.consumer({ groupId: `reader-${run}-${++n}` });
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        const out: DeliveredRecord[] = [];
        await new Promise<void>((resolve) => {
          void consumer.run({
            eachMessage: async ({ partition, message }) => {
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(message.headers ?? {}))
                if (v !== undefined) headers[k] = v.toString();
              // kafkajs groups a repeated header's values into an array.
              const rawHeaders = Object.entries(message.headers ?? {}).flatMap(([key, v]) =>
                [v ?? []]
                  .flat()
                  .map((x) => ({ key, value: x === null ? null : new Uint8Array(Buffer.from(x)) })),
              );
              out.push({
                rawHeaders,
                topic,
                partition,
                offset: Number(message.offset),
                key: message.key ? new Uint8Array(message.key) : null,
                value: message.value ? new Uint8Array(message.value) : null,
                headers,
              });
              if (out.length >= expected) resolve();
            },
          });
        });
        await consumer.disconnect();
        return out;
      },
      group: (base) => `${base}-${run}-${++n}`,
      async committed(group, topic, partition) {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const offset = Number(offsets?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
        return offset < 0 ? undefined : offset;
      },
    };
  };

  transportSuite(fixture);

  it("sends a null header value as an empty one instead of failing (kafkajs cannot write null)", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const [written] = await f.transport.send(topic, [
      { key: null, value: null, headers: {}, rawHeaders: [{ key: "x-nothing", value: null }] },
    ]);
    const [stored] = await f.readAll(topic, 1);
    expect(written).toEqual({ partition: 0, offset: 0 });
    expect(stored!.rawHeaders?.map((h) => [h.key, h.value?.length])).toEqual([["x-nothing", 0]]);
  });

  it("dead-letters a record another producer wrote with binary and repeated headers, byte for byte", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const dlq = await f.topic("dead-letter", 1);
    const signature = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          key: "k",
          value: "{}",
          headers: {
            ce_id: "foreign-1",
            ce_source: "/elsewhere",
            ce_type: "dev.eventline.orders.Unknown.v1",
            ce_specversion: "1.0",
            "x-signature": signature,
            "x-hop": ["gateway", "router"],
          },
        },
      ],
    });
    await producer.disconnect();
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [{ name: "OrderCreated", topic, type: "dev.eventline.orders.OrderCreated.v1" }],
      handlers: { OrderCreated: () => undefined },
      deadLetter: { topic: dlq, maxAttempts: 1 },
    });
    const sub = consumer.start();
    const deadline = Date.now() + 30_000;
    while (consumer.stats.deadLettered === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    const [dead] = await f.readAll(dlq, 1);
    const hex = (name: string) =>
      dead!.rawHeaders?.filter((h) => h.key === name).map((h) => Buffer.from(h.value ?? []).toString("hex"));
    expect(hex("x-signature")).toEqual([signature.toString("hex")]);
    expect(hex("x-hop")).toEqual([
      Buffer.from("gateway").toString("hex"),
      Buffer.from("router").toString("hex"),
    ]);
    expect(hex("ce_id")).toEqual([Buffer.from("foreign-1").toString("hex")]);
    expect(dead!.headers["eventline-error"]).toBe(
      'unknown message type "dev.eventline.orders.Unknown.v1" on ' + topic,
    );
  });
});
