import type { Admin } from "kafkajs";
import type { Published } from "../../runtime/publisher.js";
import { type LatencySummary, latencyHistogram, summary } from "./run-load.js";

export interface EndToEnd {
  /** From the publish call to the named group committing past the message, ms (resolution: the poll interval). */
  latencyMs: LatencySummary;
  /** Messages the group had not committed when the measurement ended. */
  unprocessed: number;
  pollIntervalMs: number;
}

/**
 * Follows a consumer group's committed offsets while a load runs: a message is processed once the
 * group's committed offset on its partition passes it (the runtime commits after the handler), so its
 * end-to-end latency is the first poll that sees that, minus when its publish began.
 */
export function followGroup(admin: Admin, groupId: string, topics: readonly string[], pollIntervalMs = 100) {
  const waiting = new Map<string, { offset: number; startedAt: number }[]>();
  const histogram = latencyHistogram();
  let pending = 0;
  let polling: Promise<void> | undefined;
  const poll = async () => {
    const now = performance.now();
    const offsets = await admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const { topic, partitions } of offsets) {
      for (const { partition, offset } of partitions) {
        const committed = Number(offset);
        const queue = waiting.get(`${topic}\u0000${partition}`);
        if (!queue || committed < 0) continue;
        const left = queue.filter((m) => {
          if (m.offset >= committed) return true;
          histogram.recordValue(Math.max(1, Math.round((now - m.startedAt) * 1000)));
          pending--;
          return false;
        });
        waiting.set(`${topic}\u0000${partition}`, left);
      }
    }
  };
  const timer = setInterval(() => {
    polling ??= poll()
      .catch(() => undefined)
      .finally(() => {
        polling = undefined;
      });
  }, pollIntervalMs);
  return {
    published(message: Published, startedAt: number) {
      const key = `${message.topic}\u0000${message.partition}`;
      const queue = waiting.get(key) ?? [];
      queue.push({ offset: message.offset, startedAt });
      waiting.set(key, queue);
      pending++;
    },
    /** Waits up to `drainMs` for the group to process what was published, then stops following. */
    async finish(drainMs: number): Promise<EndToEnd> {
      const deadline = performance.now() + drainMs;
      while (pending > 0 && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, pollIntervalMs));
      clearInterval(timer);
      await polling;
      await poll().catch(() => undefined);
      return { latencyMs: summary(histogram), unprocessed: pending, pollIntervalMs };
    },
  };
}
