import { encodeHeaders, headerView } from "../headers.js";
import type { RecordHeader } from "../transport.js";
import type { ProducedRecord, StoredRecord } from "./types.js";

/**
 * A produced record's headers as the broker keeps them: the raw headers (copied, so the producer's
 * buffers can change afterwards) and their text view. Text headers alone become raw headers in
 * their map's order.
 */
export function storedHeaders(record: ProducedRecord): Pick<StoredRecord, "headers" | "rawHeaders"> {
  if (!record.rawHeaders) {
    const headers = { ...(record.headers ?? {}) };
    return { headers: Object.freeze(headers), rawHeaders: freeze(encodeHeaders(headers)) };
  }
  const raw = record.rawHeaders.map((h) => ({
    key: h.key,
    value: h.value === null ? null : new Uint8Array(h.value),
  }));
  return { headers: Object.freeze(headerView(raw)), rawHeaders: freeze(raw) };
}

const freeze = (raw: RecordHeader[]): readonly Readonly<RecordHeader>[] =>
  Object.freeze(raw.map((h) => Object.freeze(h)));
