import type { IHeaders } from "kafkajs";
import type { RecordHeader } from "../runtime/transport.js";

/**
 * kafkajs's decoded headers as raw headers. kafkajs gathers the values of a repeated name into an
 * array at the name's first appearance, so each name's values keep their order, but a name repeated
 * after other names comes back next to its first value (and integer-like names first, as in any JS
 * object): the order across names is kafkajs's, not the record's.
 */
export function fromKafkaHeaders(headers: IHeaders | undefined): RecordHeader[] {
  const raw: RecordHeader[] = [];
  for (const [key, values] of Object.entries(headers ?? {})) {
    if (values === undefined) continue;
    // A null value is not in IHeaders' type, but kafkajs decodes a null header value as null.
    for (const value of Array.isArray(values) ? values : [values]) {
      raw.push({ key, value: value === null ? null : new Uint8Array(Buffer.from(value)) });
    }
  }
  return raw;
}

/**
 * Raw headers as kafkajs encodes them: the values of a repeated name as an array, in order. A null
 * value is sent empty: kafkajs 2.2 sizes every header value with Buffer.byteLength, which throws on
 * null, so it cannot produce a null header.
 */
export function toKafkaHeaders(raw: readonly RecordHeader[]): IHeaders {
  const grouped = new Map<string, Buffer[]>();
  for (const { key, value } of raw) {
    const bytes =
      value === null ? Buffer.alloc(0) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    grouped.set(key, [...(grouped.get(key) ?? []), bytes]);
  }
  return Object.fromEntries(
    [...grouped].map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
  );
}
