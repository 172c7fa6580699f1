import { randomUUID } from "node:crypto";
import { EventlineRuntimeError } from "./errors.js";

/** CloudEvents 1.0 attributes carried as Kafka headers in binary content mode. */
export interface Envelope {
  id: string;
  source: string;
  type: string;
  time: string;
  specversion: "1.0";
  datacontenttype: string;
  subject?: string;
  dataschema?: string;
}

/** The Kafka header name of each CloudEvents attribute (binary content mode). */
export const CE_HEADERS = {
  id: "ce_id",
  source: "ce_source",
  type: "ce_type",
  time: "ce_time",
  specversion: "ce_specversion",
  subject: "ce_subject",
  dataschema: "ce_dataschema",
  datacontenttype: "content-type",
} as const;

/**
 * What {@link createEnvelope} takes; `id` defaults to a random UUID, `time` to now, `datacontenttype`
 * to `application/json`.
 */
export interface EnvelopeInput {
  source: string;
  type: string;
  id?: string;
  time?: Date | string;
  subject?: string;
  dataschema?: string;
  datacontenttype?: string;
}

/**
 * A CloudEvents 1.0 envelope for one message. Throws `TIME_INVALID` for an invalid `Date` or a `time`
 * that is neither a Date nor a string.
 */
export function createEnvelope(input: EnvelopeInput, now: () => Date = () => new Date()): Envelope {
  const time = isoTime(input.time, now);
  const envelope: Envelope = {
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time,
    specversion: "1.0",
    datacontenttype: input.datacontenttype ?? "application/json",
  };
  if (input.subject !== undefined) envelope.subject = input.subject;
  if (input.dataschema !== undefined) envelope.dataschema = input.dataschema;
  return envelope;
}

function isoTime(time: unknown, now: () => Date): string {
  if (time === undefined) return now().toISOString();
  if (typeof time === "string") return time;
  // toISOString() of an invalid Date throws a bare RangeError.
  if (time instanceof Date && !Number.isNaN(time.getTime())) return time.toISOString();
  throw new EventlineRuntimeError(
    "TIME_INVALID",
    time instanceof Date
      ? "`time` is an invalid Date"
      : `\`time\` must be a Date or a string; got ${typeof time}`,
  );
}

/** Kafka headers for an envelope, merged under the message's own declared headers. */
export function envelopeHeaders(envelope: Envelope): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [attribute, header] of Object.entries(CE_HEADERS)) {
    const value = envelope[attribute as keyof Envelope];
    if (value !== undefined) headers[header] = value;
  }
  return headers;
}

/** Reads the envelope back; undefined when a required CloudEvents header is missing or the version is not 1.0. */
export function readEnvelope(headers: Readonly<Record<string, string>>): Envelope | undefined {
  const id = headers[CE_HEADERS.id];
  const source = headers[CE_HEADERS.source];
  const type = headers[CE_HEADERS.type];
  const specversion = headers[CE_HEADERS.specversion];
  if (!id || !source || !type || specversion !== "1.0") return undefined;
  const envelope: Envelope = {
    id,
    source,
    type,
    specversion: "1.0",
    time: headers[CE_HEADERS.time] ?? "",
    datacontenttype: headers[CE_HEADERS.datacontenttype] ?? "application/json",
  };
  const subject = headers[CE_HEADERS.subject];
  const dataschema = headers[CE_HEADERS.dataschema];
  if (subject !== undefined) envelope.subject = subject;
  if (dataschema !== undefined) envelope.dataschema = dataschema;
  return envelope;
}
