import type { ReadRecord } from "../read-records.js";

/** The headers the runtime's consumer adds when it dead-letters a record. */
export const ERROR_HEADERS = {
  error: "eventline-error",
  attempts: "eventline-attempts",
  topic: "eventline-original-topic",
  partition: "eventline-original-partition",
  offset: "eventline-original-offset",
} as const;

const ERROR_HEADER_NAMES = new Set<string>(Object.values(ERROR_HEADERS));

export interface DeadLetterRecord {
  topic: string;
  partition: number;
  offset: number;
  /** When the record was dead-lettered (its timestamp), ISO 8601. */
  time: string;
  key: string | null;
  error: string | null;
  attempts: number | null;
  original: { topic: string | null; partition: number | null; offset: number | null };
  /** The message's own headers (CloudEvents attributes and the contract's), without the error headers. */
  headers: Record<string, string>;
  /** The value parsed as JSON, else its text; null for a null value. */
  payload: unknown;
}

function integer(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

export function describeRecord(record: ReadRecord): DeadLetterRecord {
  const h = record.headers;
  const text = record.value?.toString("utf8") ?? null;
  let payload: unknown = text;
  if (text !== null) {
    try {
      payload = JSON.parse(text);
    } catch {
      // Not JSON: shown as text.
    }
  }
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    time: new Date(record.timestamp).toISOString(),
    key: record.key?.toString("utf8") ?? null,
    error: h[ERROR_HEADERS.error] ?? null,
    attempts: integer(h[ERROR_HEADERS.attempts]),
    original: {
      topic: h[ERROR_HEADERS.topic] ?? null,
      partition: integer(h[ERROR_HEADERS.partition]),
      offset: integer(h[ERROR_HEADERS.offset]),
    },
    headers: Object.fromEntries(Object.entries(h).filter(([name]) => !ERROR_HEADER_NAMES.has(name))),
    payload,
  };
}

/** The record's headers as they were before it was dead-lettered: every error header removed. */
export function originalHeaders(record: ReadRecord): ReadRecord["rawHeaders"] {
  return record.rawHeaders.filter((h) => !ERROR_HEADER_NAMES.has(h.key));
}
