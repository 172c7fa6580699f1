import { type Envelope, readEnvelope } from "./envelope.js";
import { EventlineRuntimeError } from "./errors.js";
import type { IdempotencyStore } from "./idempotency.js";
import type { MessageSpec } from "./message-spec.js";
import { keyString, readPointer } from "./pointer.js";
import type { DeliveredRecord, Subscription, Transport } from "./transport.js";
import { describeIssues } from "./validation.js";

export interface ConsumedEvent<P = unknown> {
  name: string;
  payload: P;
  envelope: Envelope;
  headers: Readonly<Record<string, string>>;
  key: string | null;
  topic: string;
  partition: number;
  offset: number;
  /** 1 on first delivery to the handler, then 2, 3… on retries. */
  attempt: number;
  /**
   * The idempotency store's transaction for this attempt (a `pg` client inside BEGIN for the
   * PostgreSQL inbox); write through it and the writes commit with the processed-marker. `undefined`
   * for non-transactional stores.
   */
  transaction: unknown;
}

export type Handler = (event: ConsumedEvent) => Promise<void> | void;

export interface RetryPolicy {
  /** Delay before the first retry. Default 100 ms. */
  initialDelayMs?: number;
  /** Upper bound of one delay. Default 10 s. */
  maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Fraction of random spread (0..1) around each delay, so retries of many consumers do not align. Default 0.2. */
  jitter?: number;
}

export interface ConsumerOptions {
  transport: Transport;
  /** Kafka consumer group (the receive operation's `groupId` binding). */
  groupId: string;
  /** The messages this operation receives. */
  messages: readonly MessageSpec[];
  handlers: Readonly<Record<string, Handler>>;
  /**
   * `x-eventline-dead-letter`: where a message goes after `maxAttempts` failed handler runs, or at
   * once when it cannot be handled at all (undecodable, unknown type, invalid). Without it such a
   * message stops the consumer without committing, so it is never silently dropped.
   */
  deadLetter?: { topic: string; maxAttempts: number };
  retry?: RetryPolicy;
  /** `x-eventline-idempotency-key` (a JSON pointer into the payload); default: the envelope id. */
  idempotencyKey?: string;
  idempotency?: IdempotencyStore;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ConsumerStats {
  consumed: number;
  duplicates: number;
  retries: number;
  deadLettered: number;
}

export interface Consumer {
  /** Starts consuming; the returned subscription stops it. */
  start(): Subscription;
  readonly stats: Readonly<ConsumerStats>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const base = Math.min(
    (policy.initialDelayMs ?? 100) * (policy.factor ?? 2) ** Math.max(0, attempt - 1),
    policy.maxDelayMs ?? 10_000,
  );
  const jitter = policy.jitter ?? 0.2;
  return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random())));
}

/**
 * At-least-once consumption: validate before the handler, retry with backoff and jitter, dead-letter
 * with the reason, skip duplicates through the idempotency store; the transport commits only after
 * all of that finished for the record.
 */
export function createConsumer(options: ConsumerOptions): Consumer {
  const stats: ConsumerStats = { consumed: 0, duplicates: 0, retries: 0, deadLettered: 0 };
  const byType = new Map(options.messages.map((m) => [`${m.topic}\u0000${m.type}`, m]));
  const topics = [...new Set(options.messages.map((m) => m.topic))];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.deadLetter?.maxAttempts ?? 1);

  for (const m of options.messages) {
    if (typeof options.handlers[m.name] !== "function") {
      throw new EventlineRuntimeError("HANDLER_MISSING", `no handler for received message "${m.name}"`);
    }
  }

  async function deadLetter(record: DeliveredRecord, reason: string, attempts: number): Promise<void> {
    if (!options.deadLetter) {
      throw new EventlineRuntimeError(
        "UNHANDLED_MESSAGE",
        `${record.topic}[${record.partition}]@${record.offset}: ${reason} (no dead-letter channel configured)`,
      );
    }
    await options.transport.send(options.deadLetter.topic, [
      {
        key: record.key,
        value: record.value,
        headers: {
          ...record.headers,
          "eventline-error": reason,
          "eventline-attempts": String(attempts),
          "eventline-original-topic": record.topic,
          "eventline-original-partition": String(record.partition),
          "eventline-original-offset": String(record.offset),
        },
      },
    ]);
    stats.deadLettered++;
  }

  async function handle(record: DeliveredRecord): Promise<void> {
    const envelope = readEnvelope(record.headers);
    if (!envelope)
      return deadLetter(
        record,
        "missing or invalid CloudEvents headers (ce_id, ce_source, ce_type, ce_specversion 1.0)",
        0,
      );
    const spec = byType.get(`${record.topic}\u0000${envelope.type}`);
    if (!spec) return deadLetter(record, `unknown message type "${envelope.type}" on ${record.topic}`, 0);
    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(record.value ?? new Uint8Array()));
    } catch (error) {
      return deadLetter(record, `undecodable payload: ${(error as Error).message}`, 0);
    }
    const issues = [...(spec.validatePayload?.(payload) ?? [])];
    const headerIssues = spec.validateHeaders?.(record.headers) ?? [];
    if (issues.length > 0 || headerIssues.length > 0) {
      const parts = [
        issues.length > 0 ? `payload: ${describeIssues(issues)}` : "",
        headerIssues.length > 0 ? `headers: ${describeIssues(headerIssues)}` : "",
      ].filter(Boolean);
      return deadLetter(record, `${spec.name} is invalid: ${parts.join("; ")}`, 0);
    }
    // A payload without the configured key falls back to the envelope id rather than skipping deduplication.
    const idempotencyKey =
      ((spec.idempotencyKey ?? options.idempotencyKey) !== undefined
        ? keyString(readPointer(payload, (spec.idempotencyKey ?? options.idempotencyKey)!))
        : undefined) ?? envelope.id;
    const storeKey = `${options.groupId}\u0000${spec.name}\u0000${idempotencyKey}`;
    const key = record.key === null ? null : new TextDecoder().decode(record.key);
    const handler = options.handlers[spec.name]!;
    const store = options.idempotency;
    for (let attempt = 1; ; attempt++) {
      try {
        const run = async (transaction: unknown) => {
          await handler({
            name: spec.name,
            payload,
            envelope,
            headers: record.headers,
            key,
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            attempt,
            transaction,
          });
        };
        if (store && (await store.process(storeKey, run)) === "duplicate") {
          stats.duplicates++;
          return;
        }
        if (!store) await run(undefined);
        stats.consumed++;
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          const message = error instanceof Error ? error.message : String(error);
          return deadLetter(record, `handler failed after ${attempt} attempts: ${message}`, attempt);
        }
        stats.retries++;
        await sleep(backoffDelay(attempt, options.retry ?? {}, random));
      }
    }
  }

  return {
    stats,
    start: () => options.transport.consume({ groupId: options.groupId, topics, handle }),
  };
}
