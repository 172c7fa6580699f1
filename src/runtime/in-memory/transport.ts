import type { ConsumeOptions, Subscription, Transport } from "../transport.js";
import type { InMemoryBroker } from "./broker.js";

/**
 * The Transport over the embedded broker: the default of the demo and of the property-testing
 * harness. One member per subscription; records are handled one at a time and committed after the
 * handler resolves.
 */
export function createInMemoryTransport(
  broker: InMemoryBroker,
  options: { pollIntervalMs?: number } = {},
): Transport {
  const idleWaitMs = options.pollIntervalMs ?? 50;
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
            for (const record of batch) {
              // After a rebalance positions restart at the commits: drop the rest of the batch and poll again.
              if (stopping || member.generation !== generation) break;
              await consume.handle({
                topic: record.topic,
                partition: record.partition,
                offset: record.offset,
                key: record.key,
                value: record.value,
                headers: { ...record.headers },
                rawHeaders: record.rawHeaders,
              });
              if (member.generation !== generation) break; // the partition may belong to another member now
              member.commit(record.topic, record.partition, record.offset + 1);
            }
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
