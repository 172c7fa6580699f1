import type { RecordHeader } from "../transport.js";

/** A record as a producer hands it over: Kafka's shape (key, value, string headers). */
export interface ProducedRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Readonly<Record<string, string>>;
  /** The headers byte for byte (repeated names, binary values); when given, `headers` is ignored. */
  rawHeaders?: readonly RecordHeader[];
  /** Milliseconds since the epoch; defaults to the broker's clock. */
  timestamp?: number;
}

/** A record as the broker stores and delivers it. Immutable. */
export interface StoredRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  /** The text view of `rawHeaders` (the last value of a repeated name). */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawHeaders: readonly Readonly<RecordHeader>[];
  readonly timestamp: number;
}

/** One partition of one topic. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

/** How far a consumer group is behind on one partition of the in-memory broker. */
export interface PartitionLag extends TopicPartition {
  /** Next offset to be written. */
  highWatermark: number;
  /** Next offset the group will read (0 when it never committed). */
  committed: number;
  lag: number;
}
