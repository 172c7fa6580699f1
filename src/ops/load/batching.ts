import type { Transport, TransportRecord } from "../../runtime/transport.js";

interface Pending {
  record: TransportRecord;
  resolve: (written: { partition: number; offset: number }) => void;
  reject: (error: unknown) => void;
}

/**
 * A Transport that sends the records published to one topic in batches, answering each caller with
 * its own partition and offset. kafkajs sends every `send()` as its own request, and the runtime's
 * idempotent producer keeps one request in flight, so single-record publishes would wait on each other
 * one round trip at a time. Here one batch per topic is in flight, and whatever was published
 * meanwhile goes out as the next batch: what a producer's `linger.ms` does. Each record has still gone
 * through the publisher's validation and envelope.
 */
export function batchingTransport(inner: Transport, maxBatch = 1000): Transport {
  const topics = new Map<string, { queue: Pending[]; busy: boolean }>();
  const flush = (topic: string) => {
    const state = topics.get(topic)!;
    if (state.busy || state.queue.length === 0) return;
    const batch = state.queue.splice(0, maxBatch);
    state.busy = true;
    inner
      .send(
        topic,
        batch.map((p) => p.record),
      )
      .then(
        (written) => {
          batch.forEach((p, i) => {
            p.resolve(written[i]!);
          });
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => {
        state.busy = false;
        flush(topic);
      });
  };
  return {
    send(topic, records) {
      let state = topics.get(topic);
      if (!state) {
        state = { queue: [], busy: false };
        topics.set(topic, state);
      }
      const queue = state.queue;
      const written = Promise.all(
        records.map(
          (record) =>
            new Promise<{ partition: number; offset: number }>((resolve, reject) =>
              queue.push({ record, resolve, reject }),
            ),
        ),
      );
      // After this turn of the event loop, so that publishes made together leave together.
      if (!state.busy) setImmediate(() => flush(topic));
      return written;
    },
    consume: (options) => inner.consume(options),
  };
}
