import { type Consumer, Kafka, type KafkaConfig, logLevel, type Producer } from "kafkajs";
import { headerView } from "../runtime/headers.js";
import type { ConsumeOptions, Subscription, Transport } from "../runtime/transport.js";
import { fromKafkaHeaders, toKafkaHeaders } from "./headers.js";
import { offsetTracker } from "./offsets.js";

export interface KafkaTransportOptions {
  /** A kafkajs client, or the settings to create one (use 127.0.0.1 rather than localhost). */
  kafka: Kafka | KafkaConfig;
  /** Start a new consumer group at the earliest offset (default true: a new group reads history). */
  fromBeginning?: boolean;
}

export interface KafkaTransport extends Transport {
  /** Disconnects the shared producer; subscriptions are stopped through their own handles. */
  disconnect(): Promise<void>;
}

/**
 * The runtime's Transport on Apache Kafka via kafkajs: an idempotent producer with acks=-1 and
 * Kafka's default (murmur2) partitioner, and consumers that commit an offset only after the handler
 * for that record resolved.
 */
export function createKafkaTransport(options: KafkaTransportOptions): KafkaTransport {
  const kafka =
    options.kafka instanceof Kafka
      ? options.kafka
      : new Kafka({ logLevel: logLevel.NOTHING, ...options.kafka });
  let producer: Promise<Producer> | undefined;
  // kafkajs reports one base offset per partition; the tracker knows each record's partition.
  const tracker = offsetTracker();
  const connectedProducer = () => {
    producer ??= (async () => {
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: tracker.createPartitioner,
      });
      await p.connect();
      return p;
    })();
    return producer;
  };

  return {
    async send(topic, records) {
      const p = await connectedProducer();
      const messages = records.map((r) => ({
        key: r.key === null ? null : Buffer.from(r.key),
        value: r.value === null ? null : Buffer.from(r.value),
        headers: r.rawHeaders ? toKafkaHeaders(r.rawHeaders) : r.headers,
      }));
      const metadata = await p.send({ topic, acks: -1, messages });
      return tracker.offsets(messages, metadata);
    },

    consume(consume: ConsumeOptions): Subscription {
      const consumer: Consumer = kafka.consumer({ groupId: consume.groupId, allowAutoTopicCreation: false });
      let fail: (error: unknown) => void = () => undefined;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => {
        fail = reject;
        finish = resolve;
      });
      let stopped = false;
      let stopping: Promise<void> | undefined;
      // The record being handled (handler, then commit); settles either way.
      let inFlight: Promise<void> = Promise.resolve();
      // Every caller waits for the same shutdown. The in-flight record must finish first: once
      // kafkajs's consumer.stop() has begun, its commitOffsets() silently does nothing.
      const stop = () => {
        stopped = true;
        stopping ??= (async () => {
          await starting.catch(() => undefined);
          await inFlight;
          await consumer.stop().catch(() => undefined);
          await consumer.disconnect().catch(() => undefined);
        })();
        return stopping;
      };
      const starting = (async () => {
        await consumer.connect();
        // stop() during start-up: never begin fetching.
        if (stopped) return;
        await consumer.subscribe({
          topics: [...consume.topics],
          fromBeginning: options.fromBeginning ?? true,
        });
        if (stopped) return;
        await consumer.run({
          autoCommit: false,
          partitionsConsumedConcurrently: 1,
          eachMessage: async ({ topic, partition, message }) => {
            // Fetched before stop(): not handled and not committed (autoCommit is off), so redelivered.
            if (stopped) return;
            const rawHeaders = fromKafkaHeaders(message.headers);
            const headers = headerView(rawHeaders);
            let settled: () => void = () => undefined;
            inFlight = new Promise<void>((resolve) => {
              settled = resolve;
            });
            try {
              try {
                await consume.handle({
                  topic,
                  partition,
                  offset: Number(message.offset),
                  key: message.key ? new Uint8Array(message.key) : null,
                  value: message.value ? new Uint8Array(message.value) : null,
                  headers,
                  rawHeaders,
                });
              } catch (error) {
                // Like a crashed process: no commit, stop consuming; the group redelivers from the last commit.
                void stop().then(() => fail(error));
                throw error;
              }
              await consumer.commitOffsets([
                { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
              ]);
            } finally {
              settled();
            }
          },
        });
      })();
      starting.catch((error: unknown) => {
        void stop().then(() => fail(error));
      });
      return {
        done,
        async stop() {
          await stop();
          finish();
        },
      };
    },

    async disconnect() {
      const p = producer;
      producer = undefined;
      if (p) await (await p).disconnect();
    },
  };
}
