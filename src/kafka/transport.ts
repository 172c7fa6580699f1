import { type Consumer, Kafka, type KafkaConfig, logLevel, type Producer } from "kafkajs";
import { subscriptionMismatch, subscriptionText } from "../runtime/group-subscription.js";
import { headerView } from "../runtime/headers.js";
import { partitionConcurrency } from "../runtime/partition-lanes.js";
import type { ConsumeOptions, Subscription, Transport } from "../runtime/transport.js";
import { fromKafkaHeaders, toKafkaHeaders } from "./headers.js";
import { offsetTracker } from "./offsets.js";

/** Settings of {@link createKafkaTransport}: the kafkajs client and the consumers' group settings. */
export interface KafkaTransportOptions {
  /** A kafkajs client, or the settings to create one (use 127.0.0.1 rather than localhost). */
  kafka: Kafka | KafkaConfig;
  /** Start a new consumer group at the earliest offset (default true: a new group reads history). */
  fromBeginning?: boolean;
  /**
   * Partitions handled at once by one consumer, each partition's records in order (kafkajs's
   * `partitionsConsumedConcurrently`). Default 4. kafkajs fetches from a broker again only once every
   * partition of its previous fetch is done, so a record arriving later on another partition of that
   * broker still waits for a record in a long retry backoff.
   */
  partitionsConsumedConcurrently?: number;
  /** The consumers' session timeout, ms (kafkajs default 30000); the broker bounds it (group.min/max.session.timeout.ms). */
  sessionTimeout?: number;
  /** How often the consumers heartbeat, ms (kafkajs default 3000); well under `sessionTimeout`. */
  heartbeatInterval?: number;
}

/** The runtime's Transport on Kafka; `disconnect()` when done. */
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
  const concurrency = partitionConcurrency(options.partitionsConsumedConcurrently);
  const kafka =
    options.kafka instanceof Kafka
      ? options.kafka
      : new Kafka({ logLevel: logLevel.NOTHING, ...options.kafka });
  // The running subscriptions of this transport per consumer group: their topics and how many.
  const groups = new Map<string, { topics: string; members: number }>();
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
      // kafkajs would leave partitions of such a group unread without a word; members in other
      // processes cannot be seen from here, those in this one can.
      const topics = subscriptionText(consume.topics);
      const group = groups.get(consume.groupId);
      if (group && group.topics !== topics) throw subscriptionMismatch(consume.groupId, topics, group.topics);
      groups.set(consume.groupId, { topics, members: (group?.members ?? 0) + 1 });
      const leave = () => {
        const g = groups.get(consume.groupId);
        if (g && --g.members === 0) groups.delete(consume.groupId);
      };
      const consumer: Consumer = kafka.consumer({
        groupId: consume.groupId,
        allowAutoTopicCreation: false,
        ...(options.sessionTimeout !== undefined ? { sessionTimeout: options.sessionTimeout } : {}),
        ...(options.heartbeatInterval !== undefined ? { heartbeatInterval: options.heartbeatInterval } : {}),
      });
      let fail: (error: unknown) => void = () => undefined;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => {
        fail = reject;
        finish = resolve;
      });
      let stopped = false;
      let stopping: Promise<void> | undefined;
      // The records being handled, one per partition at most (handler, then commit); each settles either way.
      const inFlight = new Set<Promise<void>>();
      // Every caller waits for the same shutdown. The in-flight records must finish first: once
      // kafkajs's consumer.stop() has begun, its commitOffsets() silently does nothing.
      const stop = () => {
        stopped = true;
        stopping ??= (async () => {
          await starting.catch(() => undefined);
          await Promise.all(inFlight);
          await consumer.stop().catch(() => undefined);
          await consumer.disconnect().catch(() => undefined);
          leave();
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
          partitionsConsumedConcurrently: concurrency,
          eachMessage: async ({ topic, partition, message, heartbeat }) => {
            // Fetched before stop(): not handled and not committed (autoCommit is off), so redelivered.
            if (stopped) return;
            const rawHeaders = fromKafkaHeaders(message.headers);
            const headers = headerView(rawHeaders);
            let settled: () => void = () => undefined;
            const handling = new Promise<void>((resolve) => {
              settled = resolve;
            });
            inFlight.add(handling);
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
                  // kafkajs heartbeats only between records; a retry backoff calls this instead.
                  heartbeat,
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
              inFlight.delete(handling);
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
