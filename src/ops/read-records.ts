import { randomUUID } from "node:crypto";
import type { Admin, Kafka } from "kafkajs";
import { EventlineError } from "../errors.js";
import { fromKafkaHeaders } from "../kafka/headers.js";
import { headerView } from "../runtime/headers.js";
import type { RecordHeader } from "../runtime/transport.js";

export interface OffsetRange {
  topic: string;
  partition: number;
  /** First offset read. */
  from: number;
  /** First offset not read (a partition's end offset when a snapshot was taken). */
  to: number;
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Record timestamp, ms since the epoch. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  rawHeaders: RecordHeader[];
  headers: Record<string, string>;
}

export interface ReadOptions {
  /** Give up when no record arrives for this long while some are still expected (default 15000). */
  idleTimeoutMs?: number;
}

/** The retained offsets of each partition of `topic`: [start, end). */
export async function partitionOffsets(
  admin: Admin,
  topic: string,
): Promise<{ partition: number; start: number; end: number }[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map((o) => ({ partition: o.partition, start: Number(o.low), end: Number(o.high) }))
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Reads exactly the records of `ranges`, in offset order within each partition, and hands them over
 * one fetched batch (one partition) at a time; `each` returns false to stop early. The reading
 * consumer group is a throw-away one that never commits and is deleted afterwards: the position of
 * any real group (the redrive's own included) is only ever moved on purpose.
 */
export async function readRanges(
  kafka: Kafka,
  admin: Admin,
  ranges: readonly OffsetRange[],
  each: (records: ReadRecord[]) => Promise<boolean | undefined> | boolean | undefined,
  options: ReadOptions = {},
): Promise<void> {
  const pending = new Map(
    ranges.filter((r) => r.to > r.from).map((r) => [`${r.topic}\u0000${r.partition}`, { ...r }]),
  );
  if (pending.size === 0) return;
  const groupId = `eventline-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  const idleMs = options.idleTimeoutMs ?? 15_000;
  let finished = false;
  let settle: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      if (finished) return;
      finished = true;
      if (error === undefined) resolve();
      else reject(error);
    };
  });
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const left = [...pending.values()].map((r) => `${r.topic}[${r.partition}]@${r.from}..${r.to}`);
      settle(
        new EventlineError(
          "INPUT_INVALID",
          `no records arrived from Kafka for ${idleMs} ms while reading ${left.join(", ")}`,
        ),
      );
    }, idleMs);
    idle.unref();
  };
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(ranges.map((r) => r.topic))], fromBeginning: true });
    touch();
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        if (finished) return;
        const range = pending.get(`${batch.topic}\u0000${batch.partition}`);
        if (!range) return;
        touch();
        const records: ReadRecord[] = [];
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          resolveOffset(message.offset);
          if (offset < range.from || offset >= range.to) continue;
          const rawHeaders = fromKafkaHeaders(message.headers);
          records.push({
            topic: batch.topic,
            partition: batch.partition,
            offset,
            timestamp: Number(message.timestamp),
            key: message.key ?? null,
            value: message.value ?? null,
            rawHeaders,
            headers: headerView(rawHeaders),
          });
        }
        // Transaction markers and compacted gaps take offsets without records.
        const last = Number(batch.lastOffset());
        if (records.length > 0) {
          try {
            if ((await each(records)) === false) return settle();
          } catch (error) {
            return settle(error);
          }
        }
        range.from = Math.max(range.from, last + 1, (records.at(-1)?.offset ?? -1) + 1);
        if (range.from >= range.to) {
          pending.delete(`${batch.topic}\u0000${batch.partition}`);
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (pending.size === 0) settle();
        }
      },
    });
    for (const range of pending.values()) {
      consumer.seek({ topic: range.topic, partition: range.partition, offset: String(range.from) });
    }
    await done;
  } finally {
    clearTimeout(idle);
    finished = true;
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}
