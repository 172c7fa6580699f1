/** A record as a producer hands it over: Kafka's shape (key, value, string headers). */
export interface ProducedRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Readonly<Record<string, string>>;
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
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface PartitionLag extends TopicPartition {
  /** Next offset to be written. */
  highWatermark: number;
  /** Next offset the group will read (0 when it never committed). */
  committed: number;
  lag: number;
}
