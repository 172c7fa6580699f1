import type { Diagnostic } from "../diagnostics/index.js";

/** Where a model node is written: the physical file (possibly a `$ref`'d one) and position. */
export interface SourceLocation {
  /** Relative to the project root, `/`-separated. */
  file: string;
  pointer: string;
  line: number;
  column: number;
}

/**
 * What an operation does with its channel's messages: `send` makes the service a producer, `receive` a
 * consumer.
 */
export type Action = "send" | "receive";
/** `x-eventline-ordering` of a channel: ordered per partition key, or no ordering promised. */
export type Ordering = "per-key" | "none";
/** The values `x-eventline-compatibility` takes, as in schema registries. */
export const COMPATIBILITY_MODES = [
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
  "NONE",
] as const;
/** One of {@link COMPATIBILITY_MODES}. */
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** A schema as written (with its `$ref`s, relative to `source.file`) and as resolved by the parser. */
export interface SchemaRef {
  /** The node as written at the use site, e.g. `{ $ref: "../schemas/x.json" }`. */
  raw: unknown;
  /** Fully dereferenced; may be cyclic for recursive schemas. Undefined when the document did not parse. */
  resolved: unknown;
  /** Where the raw node is written. */
  source: SourceLocation;
  /** Where the definition lives after following `$ref`s (the schema file for a referenced schema). */
  definition: SourceLocation;
  /** `schemaFormat` of the message, when not the AsyncAPI default. */
  schemaFormat?: string;
}

/** One entry of a message's `examples`. */
export interface MessageExample {
  name?: string;
  summary?: string;
  headers?: unknown;
  payload?: unknown;
  source: SourceLocation;
}

/**
 * A message definition (shared definitions are one message), with its schemas as written and resolved
 * and the `x-eventline-*` settings as written.
 */
export interface Message {
  /** `file#pointer` of the definition after following `$ref`s: shared definitions are one message. */
  id: string;
  /** `name`, else `messageId`, else the components key, else the channel-level key. */
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  /** `x-eventline-version` as written (validated by lint, so kept raw). */
  version?: unknown;
  /** `x-eventline-version` when it is a non-negative integer. */
  major?: number;
  /** `x-eventline-partition-key` as written. */
  partitionKey?: unknown;
  /** `x-eventline-compatibility` as written. */
  compatibility?: unknown;
  contentType?: string;
  payload?: SchemaRef;
  headers?: SchemaRef;
  correlationId?: { location?: string; source: SourceLocation };
  examples: MessageExample[];
  tags: string[];
  /** Resolved `bindings` object. */
  bindings: Record<string, unknown>;
  /** Resolved Kafka message key schema (`bindings.kafka.key`). */
  kafkaKey?: unknown;
  source: SourceLocation;
  /** Every `x-eventline-*` key written on this node, as written (lint flags unknown or misplaced ones). */
  extensions: Record<string, unknown>;
}

/** A channel of a service's document: its address (the Kafka topic), bindings, ordering and messages. */
export interface Channel {
  /** `<service id>/<channel key>`. */
  id: string;
  serviceId: string;
  /** Key under `channels` (in 2.x, the address). */
  key: string;
  /** The topic; null when the document leaves it dynamic. */
  address: string | null;
  description?: string;
  /** `x-eventline-ordering` as written. */
  ordering?: unknown;
  bindings: Record<string, unknown>;
  /** `bindings.kafka.topic`, else the address. */
  topic: string | null;
  partitions?: number;
  /** Channel-level message key → message id. */
  messages: { key: string; messageId: string }[];
  source: SourceLocation;
  /** Every `x-eventline-*` key written on this node, as written (lint flags unknown or misplaced ones). */
  extensions: Record<string, unknown>;
}

/** `x-eventline-dead-letter` of a receive operation, as written (lint checks it). */
export interface DeadLetter {
  /** The extension's value as written (it may not be an object at all). */
  raw: unknown;
  /** As written: the id of a channel in the same document. */
  channel?: unknown;
  maxAttempts?: unknown;
  source: SourceLocation;
}

/** A send or receive operation of a service on one channel. */
export interface Operation {
  /** `<service id>/<operation key>`; in 2.x the operationId, else `<address>/<publish|subscribe>`. */
  id: string;
  serviceId: string;
  key: string;
  action: Action;
  channelId: string;
  messageIds: string[];
  summary?: string;
  description?: string;
  deadLetter?: DeadLetter;
  /** `x-eventline-idempotency-key` as written. */
  idempotencyKey?: unknown;
  /** Kafka consumer group from `bindings.kafka.groupId` (a schema: const, single enum value or default). */
  groupId?: string;
  /** True when the operation has a `reply` (3.x) — request/reply. */
  hasReply: boolean;
  /** The 3.x `reply`: its channel (when it names one of this document's channels) and messages. */
  reply?: { channelId?: string; messageIds: string[]; source: SourceLocation };
  bindings: Record<string, unknown>;
  source: SourceLocation;
  /** Every `x-eventline-*` key written on this node, as written (lint flags unknown or misplaced ones). */
  extensions: Record<string, unknown>;
}

/** A server of a service's document. */
export interface Server {
  key: string;
  host?: string;
  protocol?: string;
  description?: string;
  source: SourceLocation;
}

/** One AsyncAPI document: one service of the catalog. */
export interface Service {
  /** Slug of `info.title`, made unique across the catalog with the document's path. */
  id: string;
  title: string;
  version?: string;
  description?: string;
  owner?: string;
  /** `x-eventline-compatibility` at document level, as written. */
  compatibility?: unknown;
  /** e.g. "3.0.0". */
  asyncapi: string;
  /** The document, relative to the project root. */
  file: string;
  servers: Server[];
  channelIds: string[];
  operationIds: string[];
  tags: string[];
  source: SourceLocation;
  /** `x-eventline-*` keys at the document root and in `info`, as written. */
  extensions: Record<string, unknown>;
  /** Sagas this service orchestrates (`x-eventline-saga` at the document root); absent when none. */
  sagas?: Saga[];
}

/** A message a saga step names: as written, and what it resolves to in the orchestrator's document. */
export interface SagaRef {
  /** As written: a message name, or `{$ref}` to `#/operations/<key>` or `#/components/messages/<key>`. */
  written: unknown;
  /** The message's name; absent when the reference names nothing in the document. */
  messageName?: string;
  messageId?: string;
  /** When written as an operation reference. */
  operationId?: string;
  source: SourceLocation;
}

/** One step of a saga: a command, its outcome replies and the command that undoes it. */
export interface SagaStep {
  /** `name` as written, else the action's message name, else `step <n>` (1-based). */
  name: string;
  /** What the orchestrator sends to run the step. */
  action?: SagaRef;
  /** The reply that says the step completed. */
  success?: SagaRef;
  /** The reply that says the step failed (absent: only a timeout or a dead letter fails it). */
  failure?: SagaRef;
  /** What undoes a completed step; "none" when the step needs no undoing; absent when not written. */
  compensation?: SagaRef | "none";
  /** The reply that says the compensation ran. */
  compensated?: SagaRef;
  /** `timeout` as written (milliseconds a step may take before it counts as failed). */
  timeout?: unknown;
  source: SourceLocation;
}

/** `x-eventline-saga` of an orchestrator's document. */
export interface Saga {
  /** `<service id>/<saga name>`. */
  id: string;
  /** The orchestrating service. */
  serviceId: string;
  /** `name` as written, else `saga` (then `saga-2`, … for a list). */
  name: string;
  steps: SagaStep[];
  /** The extension's value as written (lint reports a wrong shape). */
  raw: unknown;
  source: SourceLocation;
}

/** A producer → consumer link: a send and a receive of the same message name on the same address. */
export interface Edge {
  address: string;
  messageName: string;
  producer: { serviceId: string; operationId: string; messageId: string };
  consumer: { serviceId: string; operationId: string; messageId: string };
}

/**
 * Every document of the project as one immutable model, linked by channel address and message name;
 * what `loadCatalog` returns and every command reads.
 */
export interface Catalog {
  /** Absolute project root. */
  root: string;
  /** Documents loaded (relative paths), in sorted order, including ones that failed. */
  documents: string[];
  services: readonly Service[];
  channels: readonly Channel[];
  messages: readonly Message[];
  operations: readonly Operation[];
  edges: readonly Edge[];
  /** Problems found while reading and parsing (not lint findings). */
  diagnostics: readonly Diagnostic[];
}
