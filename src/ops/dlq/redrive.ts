import { type Admin, type Kafka, Partitioners } from "kafkajs";
import { toKafkaHeaders } from "../../kafka/headers.js";
import { describeIssues } from "../../runtime/validation.js";
import { partitionOffsets, type ReadRecord, readRanges } from "../read-records.js";
import type { TopicMessage } from "../topology.js";
import { ERROR_HEADERS, originalHeaders } from "./record.js";
import type { RecordMatcher } from "./where.js";

export interface RedriveOptions {
  /** The dead-letter topic. */
  topic: string;
  /** The consumer group that keeps the redrive's progress (default `eventline-redrive.<topic>`). */
  group?: string;
  /** Republish here instead of each record's original topic. */
  to?: string;
  match?: RecordMatcher;
  /** Redrive at most this many records in this run. */
  limit?: number;
  dryRun?: boolean;
  /** Redrive records that the current schema rejects too. */
  force?: boolean;
  /** The catalog's messages by topic and CloudEvents type (the current schemas). */
  messages: ReadonlyMap<string, ReadonlyMap<string, TopicMessage>>;
  onProgress?: (progress: RedriveProgress) => void;
  /** Stops after the batch in flight; what was redriven is committed. */
  signal?: AbortSignal;
}

export interface RedriveProgress {
  /** Records looked at in this run, and how many were there to look at. */
  seen: number;
  total: number;
  redriven: number;
  skipped: number;
}

export interface RedriveEntry {
  partition: number;
  offset: number;
  key: string | null;
  id: string | null;
  to: string | null;
  action: "redriven" | "would-redrive" | "skipped";
  /** Why a record was skipped, or forced despite its schema. */
  reason?: string;
}

export interface RedriveReport {
  topic: string;
  group: string;
  dryRun: boolean;
  /** Per partition: where this run started (the group's committed offset, else the start), and the end. */
  partitions: { partition: number; from: number; end: number; committed: number | null }[];
  redriven: number;
  skipped: number;
  /** Records left after this run (a --limit or an interruption); a later run picks them up. */
  remaining: number;
  records: RedriveEntry[];
}

export function redriveGroup(topic: string): string {
  return `eventline-redrive.${topic}`;
}

/**
 * Republishes dead-lettered records to their original topic with their original key, value and
 * headers (so the `ce_id` is kept and an idempotency store skips what was in fact processed), the
 * error headers and attempt count dropped. Each batch is sent in a Kafka transaction that also
 * commits the redrive group's offset on the dead-letter topic: an interrupted run resumes where it
 * stopped, with no record sent twice or missed. Records the current schema rejects, and records no
 * `match` selects, are passed over (and counted as done).
 */
export async function redriveDeadLetters(
  kafka: Kafka,
  admin: Admin,
  options: RedriveOptions,
): Promise<RedriveReport> {
  const group = options.group ?? redriveGroup(options.topic);
  const dryRun = options.dryRun ?? false;
  const producer = dryRun
    ? undefined
    : kafka.producer({
        transactionalId: `eventline-redrive.${options.topic}`,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
  // Connecting a transactional producer aborts a transaction an interrupted run left open, so the
  // committed offsets read next are final.
  await producer?.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [options.topic] });
    const committedAt = new Map(
      (committed?.partitions ?? []).map((p) => [
        p.partition,
        Number(p.offset) >= 0 ? Number(p.offset) : null,
      ]),
    );
    const partitions = (await partitionOffsets(admin, options.topic)).map((p) => {
      const c = committedAt.get(p.partition) ?? null;
      return { partition: p.partition, from: Math.max(p.start, c ?? p.start), end: p.end, committed: c };
    });
    const total = partitions.reduce((s, p) => s + Math.max(0, p.end - p.from), 0);
    const report: RedriveReport = {
      topic: options.topic,
      group,
      dryRun,
      partitions,
      redriven: 0,
      skipped: 0,
      remaining: total,
      records: [],
    };
    let seen = 0;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    await readRanges(
      kafka,
      admin,
      partitions.map((p) => ({ topic: options.topic, partition: p.partition, from: p.from, to: p.end })),
      async (batch) => {
        if (options.signal?.aborted || report.redriven >= limit) return false;
        const entries: RedriveEntry[] = [];
        const sends = new Map<
          string,
          {
            key: Buffer | null;
            value: Buffer | null;
            headers: ReturnType<typeof toKafkaHeaders>;
            partition?: number;
          }[]
        >();
        let last: ReadRecord | undefined;
        for (const record of batch) {
          if (report.redriven + entries.filter((e) => e.action !== "skipped").length >= limit) break;
          last = record;
          const entry = decide(record, options);
          entries.push(entry);
          if (entry.action === "skipped" || entry.to === null) continue;
          const original = Number(record.headers[ERROR_HEADERS.partition]);
          const list = sends.get(entry.to) ?? [];
          list.push({
            key: record.key,
            value: record.value,
            headers: toKafkaHeaders(originalHeaders(record)),
            // Back to the partition it came from when it goes back to its own topic: its key's order.
            ...(options.to === undefined && Number.isInteger(original) ? { partition: original } : {}),
          });
          sends.set(entry.to, list);
        }
        if (!last) return false;
        if (producer) {
          const transaction = await producer.transaction();
          try {
            for (const [topic, messages] of sends) await transaction.send({ topic, acks: -1, messages });
            await transaction.sendOffsets({
              consumerGroupId: group,
              topics: [
                {
                  topic: options.topic,
                  partitions: [{ partition: last.partition, offset: String(last.offset + 1) }],
                },
              ],
            });
            await transaction.commit();
          } catch (error) {
            await transaction.abort().catch(() => undefined);
            throw error;
          }
        }
        for (const entry of entries) {
          if (entry.action === "skipped") report.skipped++;
          else report.redriven++;
          report.records.push(entry);
        }
        seen += entries.length;
        report.remaining = total - seen;
        options.onProgress?.({ seen, total, redriven: report.redriven, skipped: report.skipped });
        return !(options.signal?.aborted || report.redriven >= limit) ? undefined : false;
      },
    );
    return report;
  } finally {
    await producer?.disconnect().catch(() => undefined);
  }
}

function decide(record: ReadRecord, options: RedriveOptions): RedriveEntry {
  const to = options.to ?? record.headers[ERROR_HEADERS.topic] ?? null;
  const base = {
    partition: record.partition,
    offset: record.offset,
    key: record.key?.toString("utf8") ?? null,
    id: record.headers.ce_id ?? null,
    to,
  };
  const skip = (reason: string): RedriveEntry => ({ ...base, action: "skipped", reason });
  if (options.match && !options.match(record.headers)) return skip("not selected by --where");
  if (to === null) return skip(`no ${ERROR_HEADERS.topic} header, and no --to`);
  const action = options.dryRun ? "would-redrive" : "redriven";
  const problem = schemaProblem(record, options.messages.get(record.headers[ERROR_HEADERS.topic] ?? to));
  if (problem === undefined) return { ...base, action };
  return options.force ? { ...base, action, reason: `forced: ${problem}` } : skip(problem);
}

/** Why the current contract would not take the record back, or undefined when it would. */
function schemaProblem(
  record: ReadRecord,
  byType: ReadonlyMap<string, TopicMessage> | undefined,
): string | undefined {
  const type = record.headers.ce_type;
  if (type === undefined) return "no ce_type header";
  const message = byType?.get(type);
  if (!message)
    return `type ${JSON.stringify(type)} is not declared on ${record.headers[ERROR_HEADERS.topic] ?? "its topic"} by the current catalog`;
  if (!message.validate) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(record.value?.toString("utf8") ?? "null");
  } catch {
    return "the value is not JSON";
  }
  const issues = message.validate(payload);
  return issues.length === 0
    ? undefined
    : `invalid against the current schema of ${message.message.name}: ${describeIssues(issues)}`;
}
