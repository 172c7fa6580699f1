import type { RecordHeader } from "./transport.js";

const encoder = new TextEncoder();
// Not fatal: a binary value still gets a (lossy) text view; its bytes stay in the raw headers.
const decoder = new TextDecoder("utf-8");

/** Text headers as raw headers, in the map's order. */
export function encodeHeaders(headers: Readonly<Record<string, string>>): RecordHeader[] {
  return Object.entries(headers).map(([key, value]) => ({ key, value: encoder.encode(value) }));
}

/** The text view of raw headers: UTF-8, the last value of a repeated name, "" for a null value. */
export function headerView(raw: readonly RecordHeader[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, value } of raw) headers[key] = value === null ? "" : decoder.decode(value);
  return headers;
}

/** `raw` with the names of `headers` replaced by their values, appended at the end. */
export function replaceHeaders(
  raw: readonly RecordHeader[],
  headers: Readonly<Record<string, string>>,
): RecordHeader[] {
  return [...raw.filter((h) => !Object.hasOwn(headers, h.key)), ...encodeHeaders(headers)];
}
