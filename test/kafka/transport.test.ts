import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { createKafkaTransport } from "../../src/kafka/transport.js";
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

  transportSuite((): TransportFixture => {
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
              out.push({
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
  });
});
