import type { Admin, Kafka } from "kafkajs";
import { partitionOffsets, readRanges } from "../read-records.js";
import { type DeadLetterRecord, describeRecord } from "./record.js";
import type { RecordMatcher } from "./where.js";

export interface ShowOptions {
  /** At most this many records (default 20), oldest first. */
  limit?: number;
  match?: RecordMatcher;
}

/** The retained records of a dead-letter topic, oldest first per partition, decoded for people. */
export async function showDeadLetters(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  options: ShowOptions = {},
): Promise<{ topic: string; depth: number; records: DeadLetterRecord[] }> {
  const limit = options.limit ?? 20;
  const partitions = await partitionOffsets(admin, topic);
  const records: DeadLetterRecord[] = [];
  await readRanges(
    kafka,
    admin,
    partitions.map((p) => ({ topic, partition: p.partition, from: p.start, to: p.end })),
    (batch) => {
      for (const record of batch) {
        if (options.match && !options.match(record.headers)) continue;
        records.push(describeRecord(record));
        if (records.length >= limit) return false;
      }
      return undefined;
    },
  );
  records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  return { topic, depth: partitions.reduce((s, p) => s + p.end - p.start, 0), records };
}
