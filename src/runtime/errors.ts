/** What the runtime says about one of its error codes. */
export interface RuntimeErrorCodeInfo {
  /**
   * Whether the same call can succeed later without a change to code, configuration or input
   * (a record abandoned by a stop is redelivered, a rolled-back transaction can run again). A caller
   * deciding whether to try again reads this instead of keeping its own list of codes.
   */
  readonly retriable: boolean;
  /** One line for people: when the runtime throws it. */
  readonly description: string;
}

/**
 * Every code an {@link EventlineRuntimeError} carries, in one table. The runtime is an island: it
 * does not import the toolkit's errors so generated code can depend on it alone; callers recognise a
 * failure by `code` (as kafkajs does), never by message text or class identity.
 */
export const RUNTIME_ERROR_CODES = {
  CONSUMER_ROUTE_INVALID: {
    retriable: false,
    description: "createConsumer: a topic has two routes, or a route lists a message of another topic",
  },
  CONSUMER_STOPPED: {
    retriable: true,
    description:
      "the consumer was stopped while a record waited; the record stays uncommitted and is redelivered",
  },
  CONTENT_TYPE_UNSUPPORTED: {
    retriable: false,
    description: "publish: the message declares a content type the runtime does not write (it writes JSON)",
  },
  GROUP_SUBSCRIPTION_MISMATCH: {
    retriable: false,
    description: "a member joins a consumer group whose members subscribe to other topics",
  },
  HANDLER_MISSING: {
    retriable: false,
    description: "a consumer or client was built without a handler for a message it receives",
  },
  HEADERS_INVALID: {
    retriable: false,
    description: "publish: the message headers do not match the contract's headers schema; nothing is sent",
  },
  INVALID_GROUP: { retriable: false, description: "in-memory broker: a consumer group id is empty" },
  INVALID_OFFSET: {
    retriable: false,
    description: "in-memory broker: a commit names an offset outside the partition",
  },
  INVALID_OPTION: {
    retriable: false,
    description: "installShutdown: no signal, or a timeout that is not a positive number",
  },
  INVALID_PARTITIONS: {
    retriable: false,
    description: "in-memory broker: a topic's partition count is not a positive integer",
  },
  INVALID_TOPIC: {
    retriable: false,
    description: "in-memory broker: a topic name has characters Kafka refuses",
  },
  KEY_MISSING: {
    retriable: false,
    description: "publish: the payload has no value at the message's partition-key pointer; nothing is sent",
  },
  MEMBER_LEFT: {
    retriable: false,
    description: "in-memory broker: a group member is used after it left the group",
  },
  NOT_ASSIGNED: {
    retriable: false,
    description: "in-memory broker: a member commits a partition it does not own (a rebalance took it away)",
  },
  PAYLOAD_INVALID: {
    retriable: false,
    description:
      "publish: the payload does not match its schema, or JSON cannot hold it (a BigInt, a cycle); nothing is sent",
  },
  SEND_METADATA_MISSING: {
    retriable: false,
    description: "Kafka transport: kafkajs did not report where a written record went",
  },
  STORE_CLOSED: { retriable: false, description: "the SQLite idempotency store is used after close()" },
  STORE_DEPENDENCY_MISSING: {
    retriable: false,
    description: "an idempotency store needs an optional peer dependency that is not installed",
  },
  STORE_OPEN_FAILED: { retriable: false, description: "the SQLite idempotency store cannot open its file" },
  STORE_OPTIONS_INVALID: {
    retriable: false,
    description: "an idempotency store option is malformed (table name, key prefix, retention)",
  },
  TIME_INVALID: {
    retriable: false,
    description: "createEnvelope/publish: `time` is an invalid Date or neither a Date nor a string",
  },
  TOPIC_EXISTS: {
    retriable: false,
    description: "in-memory broker: a topic is created again with another partition count",
  },
  TRANSACTION_ROLLED_BACK: {
    retriable: true,
    description:
      "PostgreSQL inbox: COMMIT answered ROLLBACK (a statement failed inside the handler's transaction); nothing was written",
  },
  TRANSPORT_OPTIONS_INVALID: {
    retriable: false,
    description: "a transport option is malformed (partitionsConsumedConcurrently)",
  },
  UNHANDLED_MESSAGE: {
    retriable: false,
    description:
      "a record cannot be handled (see the dead-letter reasons) and its topic has no dead-letter channel; the consumer stops uncommitted",
  },
  UNKNOWN_MESSAGE: {
    retriable: false,
    description: "publish: the publisher does not send a message of that name",
  },
  UNKNOWN_PARTITION: { retriable: false, description: "in-memory broker: the partition does not exist" },
  UNKNOWN_TOPIC: {
    retriable: false,
    description: "in-memory broker: the topic does not exist and autoCreateTopics is off",
  },
  VALIDATOR_MODULE_UNKNOWN: {
    retriable: false,
    description: "generated validators require a module this runtime does not provide; regenerate the code",
  },
} as const satisfies Record<string, RuntimeErrorCodeInfo>;

/** The code of an {@link EventlineRuntimeError}: one of {@link RUNTIME_ERROR_CODES}. */
export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;

/**
 * Why the consumer dead-lettered a record, in the table's shape. Each value is the `error.type`
 * attribute of the `dead_lettered` span event and metric; the `eventline-error` header carries the
 * detail. Only a failing handler is retried (up to `maxAttempts`): the other reasons come from the
 * record's bytes, which another attempt cannot change, so they are dead-lettered at once.
 */
export const DEAD_LETTER_REASONS = {
  envelope_invalid: {
    retriable: false,
    description: "missing or invalid CloudEvents headers (ce_id, ce_source, ce_type, ce_specversion 1.0)",
  },
  unknown_type: {
    retriable: false,
    description: "a CloudEvents type the contract does not declare on the topic",
  },
  unsupported_content_type: {
    retriable: false,
    description: "a content type the consumer does not read (it reads JSON, UTF-8)",
  },
  undecodable: { retriable: false, description: "the value is not UTF-8 JSON" },
  invalid: { retriable: false, description: "the payload or headers do not match the contract's schemas" },
  handler_failed: {
    retriable: true,
    description: "the handler failed on every one of `maxAttempts` attempts",
  },
} as const satisfies Record<string, RuntimeErrorCodeInfo>;

/** A key of {@link DEAD_LETTER_REASONS}. */
export type DeadLetterReason = keyof typeof DEAD_LETTER_REASONS;

/** A runtime failure: `code` says which (see {@link RUNTIME_ERROR_CODES}), `retriable` whether to try again. */
export class EventlineRuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  /** {@link RUNTIME_ERROR_CODES}`[code].retriable`, on the error so callers need not look it up. */
  readonly retriable: boolean;

  constructor(code: RuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EventlineRuntimeError";
    this.code = code;
    // A JavaScript caller can pass a code outside the table; that is a failure nobody said can be retried.
    this.retriable = (RUNTIME_ERROR_CODES[code] as RuntimeErrorCodeInfo | undefined)?.retriable ?? false;
  }
}

/**
 * Whether `value` is a runtime error, also one thrown by another copy of the package in the same
 * process (recognised by name and code, not by class identity).
 */
export function isEventlineRuntimeError(value: unknown): value is EventlineRuntimeError {
  return (
    value instanceof Error &&
    value.name === "EventlineRuntimeError" &&
    typeof (value as { code?: unknown }).code === "string"
  );
}
