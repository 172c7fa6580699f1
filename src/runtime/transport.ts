/** One record header as Kafka stores it: a name and its bytes (`null` for a null value). */
export interface RecordHeader {
  key: string;
  value: Uint8Array | null;
}

/** What the runtime asks of a broker client. kafkajs and the in-memory broker both implement it. */
export interface TransportRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  /** The headers as text (CloudEvents attributes, the contract's headers): UTF-8, one value per name. */
  headers: Record<string, string>;
  /**
   * The headers byte for byte: every value of a repeated name, in order. On send, when given, they
   * are written instead of `headers`. On a delivered record the transport fills them in, and
   * `headers` is their text view (the last value of a repeated name).
   */
  rawHeaders?: readonly RecordHeader[];
}

/** A record the transport hands to the consumer, with where it was read. */
export interface DeliveredRecord extends TransportRecord {
  topic: string;
  partition: number;
  offset: number;
  /**
   * Tells the group this member is alive while it holds the record for long (a retry backoff), so the
   * broker does not evict it and hand the record to another member. Throttled by the transport (kafkajs
   * sends at most one heartbeat per `heartbeatInterval`); absent where membership does not expire.
   */
  heartbeat?: () => Promise<void>;
}

/** What {@link Transport.consume} takes: the group, its topics and the per-record callback. */
export interface ConsumeOptions {
  groupId: string;
  topics: readonly string[];
  /**
   * Called once per record, sequentially within a partition; records of different partitions may be
   * handled concurrently. The transport commits the record's offset (its partition's) only after this
   * resolves; if it rejects, the transport stops consuming without committing (as a crashed process
   * would) and `done` rejects.
   */
  handle(record: DeliveredRecord): Promise<void>;
}

/** A running consumption; stop it to leave the group. */
export interface Subscription {
  /** Stops fetching, lets the in-flight records (of every partition) finish and commit, then leaves the group. */
  stop(): Promise<void>;
  /** Settles when consumption ends: resolves after stop(), rejects when a handler failed. */
  readonly done: Promise<void>;
}

/**
 * The broker client the publisher and consumer run on: `createInMemoryTransport` or
 * `createKafkaTransport` (from `eventline/kafka`), or your own.
 */
export interface Transport {
  send(topic: string, records: readonly TransportRecord[]): Promise<{ partition: number; offset: number }[]>;
  consume(options: ConsumeOptions): Subscription;
}
