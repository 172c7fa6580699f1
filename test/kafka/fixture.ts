import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { afterAll } from "vitest";
import {
  createKafkaTransport,
  type KafkaTransport,
  type KafkaTransportOptions,
} from "../../src/kafka/transport.js";

/**
 * A Kafka client, an admin and transports for one describe block, with a name unique to the run for
 * topics and groups (the broker outlives runs); everything is disconnected after the block.
 */
export function kafkaFixture(brokers: string[], clientId: string) {
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const transports: KafkaTransport[] = [];
  afterAll(async () => {
    await Promise.all(transports.map((t) => t.disconnect()));
    await admin.disconnect();
  });
  return {
    kafka,
    admin,
    run: randomUUID().slice(0, 8),
    transport(options: Omit<KafkaTransportOptions, "kafka"> = {}): KafkaTransport {
      const transport = createKafkaTransport({ kafka, ...options });
      transports.push(transport);
      return transport;
    },
    async createTopics(topics: string[], numPartitions: number): Promise<void> {
      await admin.connect();
      await admin.createTopics({
        topics: topics.map((topic) => ({ topic, numPartitions })),
        waitForLeaders: true,
      });
    },
  };
}
