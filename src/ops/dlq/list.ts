import type { Admin, Kafka } from "kafkajs";
import { type OffsetRange, partitionOffsets, readRanges } from "../read-records.js";
import type { DeadLetterChannel } from "../topology.js";

export interface DeadLetterDepth {
  topic: string;
  channels: string[];
  /** The consumer groups (and the topics they read) whose failures land here. */
  feeders: DeadLetterChannel["feeders"];
  exists: boolean;
  depth: number;
  partitions: { partition: number; start: number; end: number; depth: number }[];
  /** Timestamps (ms since the epoch) of the oldest and newest retained record; null when empty. */
  oldest: number | null;
  newest: number | null;
}

/**
 * Depth of each dead-letter channel per partition (records retained: end − start), and the time of
 * its oldest and newest record, read from the records themselves.
 */
export async function listDeadLetters(
  kafka: Kafka,
  admin: Admin,
  channels: readonly DeadLetterChannel[],
): Promise<DeadLetterDepth[]> {
  const existing = new Set(await admin.listTopics());
  const result: DeadLetterDepth[] = [];
  for (const channel of channels) {
    const base = { topic: channel.topic, channels: channel.channels, feeders: channel.feeders };
    if (!existing.has(channel.topic)) {
      result.push({ ...base, exists: false, depth: 0, partitions: [], oldest: null, newest: null });
      continue;
    }
    const partitions = (await partitionOffsets(admin, channel.topic)).map((p) => ({
      ...p,
      depth: p.end - p.start,
    }));
    result.push({
      ...base,
      exists: true,
      depth: partitions.reduce((sum, p) => sum + p.depth, 0),
      partitions,
      oldest: null,
      newest: null,
    });
  }
  // Two reads over every topic at once: the first record of each partition, then the last.
  const nonEmpty = result.flatMap((d) => d.partitions.filter((p) => p.depth > 0).map((p) => ({ d, p })));
  const first: OffsetRange[] = nonEmpty.map(({ d, p }) => ({
    topic: d.topic,
    partition: p.partition,
    from: p.start,
    to: p.start + 1,
  }));
  const last: OffsetRange[] = nonEmpty.map(({ d, p }) => ({
    topic: d.topic,
    partition: p.partition,
    from: p.end - 1,
    to: p.end,
  }));
  const byTopic = new Map(result.map((d) => [d.topic, d]));
  for (const ranges of [first, last]) {
    await readRanges(kafka, admin, ranges, (records) => {
      for (const record of records) {
        const depth = byTopic.get(record.topic)!;
        depth.oldest = Math.min(depth.oldest ?? record.timestamp, record.timestamp);
        depth.newest = Math.max(depth.newest ?? record.timestamp, record.timestamp);
      }
      return undefined;
    });
  }
  return result;
}
