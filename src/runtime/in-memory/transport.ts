import { partitionConcurrency, runLanes } from "../partition-lanes.js";
import type { ConsumeOptions, Subscription, Transport } from "../transport.js";
import type { InMemoryBroker } from "./broker.js";
import type { StoredRecord } from "./types.js";

/** Settings of {@link createInMemoryTransport}. */
export interface InMemoryTransportOptions {
  /** How long an idle member waits for records before polling again. Default 50 ms. */
  pollIntervalMs?: number;
  /**
   * Partitions of one poll handled at once, each partition's records in order. Default 4
   * (`DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY`).
   */
  partitionsConsumedConcurrently?: number;
}

/**
 * The Transport over the embedded broker: the default of the demo and of the property-testing
 * harness. One member per subscription. Like kafkajs with `partitionsConsumedConcurrently`, the
 * records of a poll are handled partition by partition, several partitions at once, one record at a
 * time per partition, each committed after the handler resolves; the next poll waits until all of
 * them are done.
 */
export function createInMemoryTransport(
  broker: InMemoryBroker,
  options: InMemoryTransportOptions = {},
): Transport {
  const idleWaitMs = options.pollIntervalMs ?? 50;
  const concurrency = partitionConcurrency(options.partitionsConsumedConcurrently);
  return {
    async send(topic, records) {
      return records.map((r) =>
        broker.produce(topic, { key: r.key, value: r.value, headers: r.headers, rawHeaders: r.rawHeaders }),
      );
    },
    consume(consume: ConsumeOptions): Subscription {
      const member = broker.join(consume.groupId, consume.topics);
      let stopping = false;
      const loop = async () => {
        try {
          while (!stopping) {
            const batch = member.poll(100);
            if (batch.length === 0) {
              await member.waitForRecords(idleWaitMs);
              continue;
            }
            const generation = member.generation;
            let failed = false;
            await runLanes(byPartition(batch), concurrency, async (records) => {
              for (const record of records) {
                // After a rebalance positions restart at the commits: leave the rest to the next poll.
                if (stopping || failed || member.generation !== generation) return;
                try {
                  await consume.handle({
                    topic: record.topic,
                    partition: record.partition,
                    offset: record.offset,
                    key: record.key,
                    value: record.value,
                    headers: { ...record.headers },
                    rawHeaders: record.rawHeaders,
                  });
                } catch (error) {
                  failed = true;
                  throw error;
                }
                // Committed even if a rebalance took the partition meanwhile: its new owner does not
                // fetch it before this member polls again, so the record is not handled twice.
                member.commit(record.topic, record.partition, record.offset + 1);
              }
            });
          }
        } finally {
          member.leave();
        }
      };
      const done = loop();
      return {
        done,
        async stop() {
          stopping = true;
          await done.catch(() => undefined);
        },
      };
    },
  };
}

/** The records of a poll grouped by partition, each group in offset order. */
function byPartition(records: readonly StoredRecord[]): StoredRecord[][] {
  const lanes = new Map<string, StoredRecord[]>();
  for (const r of records) {
    const key = `${r.topic}\u0000${r.partition}`;
    const lane = lanes.get(key);
    if (lane) lane.push(r);
    else lanes.set(key, [r]);
  }
  return [...lanes.values()];
}
