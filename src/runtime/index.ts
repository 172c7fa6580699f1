// Entry point of `eventline/runtime`, what generated clients import: envelope, validation hooks,
// publisher and consumer (retry, dead letter, idempotency) over a Transport, Kafka's partitioner, an
// embedded in-memory broker, idempotency stores and telemetry. The Kafka transport lives in
// `eventline/kafka` so that code on the in-memory broker does not load kafkajs.

export { AJV_STANDALONE_MODULES, ajvStandaloneRequire } from "./ajv-standalone.js";
export {
  backoffDelay,
  type ConsumedEvent,
  type Consumer,
  type ConsumerOptions,
  type ConsumerStats,
  createConsumer,
  type Handler,
  type RetryPolicy,
} from "./consumer.js";
export type { ConsumerRoute, DeadLetterPolicy } from "./consumer-routes.js";
export {
  CE_HEADERS,
  createEnvelope,
  type Envelope,
  type EnvelopeInput,
  envelopeHeaders,
  readEnvelope,
} from "./envelope.js";
export {
  DEAD_LETTER_REASONS,
  type DeadLetterReason,
  EventlineRuntimeError,
  isEventlineRuntimeError,
  RUNTIME_ERROR_CODES,
  type RuntimeErrorCode,
  type RuntimeErrorCodeInfo,
} from "./errors.js";
export { assertHandlers } from "./handlers.js";
export {
  createInMemoryIdempotencyStore,
  type IdempotencyStore,
  type InMemoryIdempotencyOptions,
  type InMemoryIdempotencyStore,
} from "./idempotency.js";
export {
  type BrokerInspector,
  createInMemoryBroker,
  type GroupMember,
  type InMemoryBroker,
  type InMemoryBrokerOptions,
} from "./in-memory/broker.js";
export { createInMemoryTransport, type InMemoryTransportOptions } from "./in-memory/transport.js";
export type { PartitionLag, ProducedRecord, StoredRecord, TopicPartition } from "./in-memory/types.js";
export type { MessageSpec } from "./message-spec.js";
export { murmur2, partitionForKey } from "./murmur2.js";
export { DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY } from "./partition-lanes.js";
export {
  createPublisher,
  type Published,
  type Publisher,
  type PublisherOptions,
  type PublishOptions,
} from "./publisher.js";
export {
  installShutdown,
  type ShutdownOptions,
  type ShutdownResult,
  type ShutdownTargets,
  type SignalSource,
  shutdown,
} from "./shutdown.js";
export {
  createPostgresInbox,
  type PostgresInbox,
  type PostgresInboxOptions,
} from "./stores/postgres-inbox.js";
export {
  createRedisIdempotencyStore,
  type RedisIdempotencyOptions,
  type RedisIdempotencyStore,
} from "./stores/redis.js";
export {
  createSqliteIdempotencyStore,
  type SqliteIdempotencyOptions,
  type SqliteIdempotencyStore,
} from "./stores/sqlite.js";
export {
  ATTR as TELEMETRY_ATTRIBUTES,
  METRICS as TELEMETRY_METRICS,
  PROCESS_DURATION_BUCKETS,
  type TelemetryOptions,
} from "./telemetry.js";
export type {
  ConsumeOptions,
  DeliveredRecord,
  RecordHeader,
  Subscription,
  Transport,
  TransportRecord,
} from "./transport.js";
export { describeIssues, fromAjv, type ValidationIssue, type Validator } from "./validation.js";
