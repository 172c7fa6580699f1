import { context } from "@opentelemetry/api";
import { type ConsumerRoute, type DeadLetterPolicy, routesByTopic } from "./consumer-routes.js";
import { isJsonContentType } from "./content-type.js";
import { CE_HEADERS, type Envelope, readEnvelope } from "./envelope.js";
import { type DeadLetterReason, EventlineRuntimeError, isEventlineRuntimeError } from "./errors.js";
import { assertHandlers } from "./handlers.js";
import { encodeHeaders, replaceHeaders } from "./headers.js";
import type { IdempotencyStore } from "./idempotency.js";
import { keepAlive } from "./keep-alive.js";
import type { MessageSpec } from "./message-spec.js";
import { keyString, readPointer } from "./pointer.js";
import {
  type ConsumeTelemetry,
  consumeTelemetry,
  elapsedSince,
  type RecordTelemetry,
  type TelemetryOptions,
  withoutTraceHeaders,
} from "./telemetry.js";
import type { DeliveredRecord, Subscription, Transport } from "./transport.js";
import { describeIssues } from "./validation.js";

/**
 * What a handler receives: one validated message with its envelope, Kafka coordinates and attempt
 * number.
 */
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

/** Handles one message; a rejection is a failed attempt (retried with backoff, then dead-lettered). */
export type Handler = (event: ConsumedEvent) => Promise<void> | void;

/** Exponential backoff with jitter between handler attempts. */
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

/**
 * What {@link createConsumer} needs: the transport, the consumer group, the messages or routes it
 * reads, a handler per message and the retry, dead-letter and idempotency settings.
 */
export interface ConsumerOptions extends TelemetryOptions {
  transport: Transport;
  /** Kafka consumer group (the receive operation's `groupId` binding). */
  groupId: string;
  /** The messages this operation receives (on the consumer-wide `deadLetter` and `ignoreTypes`). */
  messages?: readonly MessageSpec[];
  /**
   * Topics read with their own settings: a consumer group whose receive operations read several
   * topics runs one consumer over all of them (on Kafka every member of a group must subscribe to the
   * same topics), and each operation keeps its dead-letter channel and attempts. A topic has one route,
   * here or through `messages`.
   */
  routes?: readonly ConsumerRoute[];
  handlers: Readonly<Record<string, Handler>>;
  /**
   * `x-eventline-dead-letter`: where a message goes after `maxAttempts` failed handler runs, or at
   * once when it cannot be handled at all (unsupported content type, undecodable, unknown type,
   * invalid). Without it such a message stops the consumer without committing, so it is never
   * silently dropped.
   */
  deadLetter?: DeadLetterPolicy;
  /**
   * Backoff between handler attempts. On a topic without a dead-letter channel, giving a policy means
   * retrying a failing handler without limit (the partition waits; `stats.retries` counts the
   * attempts) instead of stopping the consumer at the first failure.
   */
  retry?: RetryPolicy;
  /** `x-eventline-idempotency-key` (a JSON pointer into the payload); default: the envelope id. */
  idempotencyKey?: string;
  /**
   * CloudEvents types that share the topic but that this consumer does not receive (other messages
   * the contract declares on the channel): committed and counted as ignored instead of dead-lettered.
   * Types declared nowhere are still dead-lettered as unknown.
   */
  ignoreTypes?: readonly { topic: string; type: string }[];
  idempotency?: IdempotencyStore;
  /** Injectable for tests. A stop() interrupts the wait whether or not `sleep` honours the signal. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Running counts of what the consumer did with the records it was handed. */
export interface ConsumerStats {
  consumed: number;
  /** Messages of `ignoreTypes`: declared on the topic for other consumers, skipped and committed. */
  ignored: number;
  duplicates: number;
  retries: number;
  deadLettered: number;
}

/** A consumer group member built by {@link createConsumer}. */
export interface Consumer {
  /**
   * Starts consuming; the returned subscription stops it: fetching stops, a handler already running
   * finishes and its record commits; a record waiting in a retry backoff is abandoned uncommitted (it
   * is redelivered later) and `done` still resolves.
   */
  start(): Subscription;
  readonly stats: Readonly<ConsumerStats>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The delay in milliseconds before retry `attempt` (1-based): `initialDelayMs * factor^(attempt-1)`,
 * capped at `maxDelayMs`, spread by `jitter` using `random()` (0..1).
 */
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
  const stats: ConsumerStats = { consumed: 0, ignored: 0, duplicates: 0, retries: 0, deadLettered: 0 };
  const routes = routesByTopic(options);
  const messages = [...routes.values()].flatMap((r) => r.messages);
  const byType = new Map(messages.map((m) => [`${m.topic}\u0000${m.type}`, m]));
  const ignored = new Set(
    [...routes.values()].flatMap((r) => (r.ignoreTypes ?? []).map((type) => `${r.topic}\u0000${type}`)),
  );
  const topics = [...routes.keys()];
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const deadLetterOf = (topic: string) => routes.get(topic)?.deadLetter;
  // A retry policy without a dead-letter channel retries until the handler succeeds (the partition
  // waits, as a Kafka consumer that does not commit does): nowhere to put the record means giving up
  // would lose it. Neither given: the first failure stops the consumer uncommitted.
  const maxAttemptsOf = (topic: string) => {
    const policy = deadLetterOf(topic);
    if (policy) return Math.max(1, policy.maxAttempts);
    return options.retry ? Number.POSITIVE_INFINITY : 1;
  };
  const telemetry: ConsumeTelemetry = consumeTelemetry(options.groupId, options);

  assertHandlers(
    `consumer group ${JSON.stringify(options.groupId)}`,
    messages.map((m) => m.name),
    options.handlers,
  );

  async function deadLetter(
    record: DeliveredRecord,
    tel: RecordTelemetry,
    why: DeadLetterReason,
    reason: string,
    attempts: number,
    error?: unknown,
  ): Promise<void> {
    const policy = deadLetterOf(record.topic);
    if (!policy) {
      throw new EventlineRuntimeError(
        "UNHANDLED_MESSAGE",
        `${record.topic}[${record.partition}]@${record.offset}: ${reason} (no dead-letter channel configured)`,
      );
    }
    const errorHeaders = {
      "eventline-error": reason,
      "eventline-attempts": String(attempts),
      "eventline-original-topic": record.topic,
      "eventline-original-partition": String(record.partition),
      "eventline-original-offset": String(record.offset),
    };
    await options.transport.send(policy.topic, [
      {
        key: record.key,
        value: record.value,
        headers: { ...record.headers, ...errorHeaders },
        // The original headers byte for byte (binary values, repeated names), not their text view.
        rawHeaders: replaceHeaders(record.rawHeaders ?? encodeHeaders(record.headers), errorHeaders),
      },
    ]);
    stats.deadLettered++;
    tel.deadLettered(why, reason, error);
  }

  async function handle(record: DeliveredRecord, signal: AbortSignal): Promise<void> {
    // A record handed over after stop() is not started: it stays uncommitted.
    if (signal.aborted) throw stopped();
    const key = record.key === null ? null : new TextDecoder().decode(record.key);
    const tel = telemetry.record(record.topic, record.partition, record.offset, key, record.headers);
    try {
      await handleRecord(record, key, signal, tel);
    } catch (error) {
      if (!isStopped(error)) tel.failed(error);
      throw error;
    } finally {
      tel.end();
    }
  }

  async function handleRecord(
    record: DeliveredRecord,
    key: string | null,
    signal: AbortSignal,
    tel: RecordTelemetry,
  ): Promise<void> {
    const envelope = readEnvelope(record.headers);
    if (!envelope)
      return deadLetter(
        record,
        tel,
        "envelope_invalid",
        "missing or invalid CloudEvents headers (ce_id, ce_source, ce_type, ce_specversion 1.0)",
        0,
      );
    const spec = byType.get(`${record.topic}\u0000${envelope.type}`);
    if (!spec && ignored.has(`${record.topic}\u0000${envelope.type}`)) {
      stats.ignored++;
      return;
    }
    if (!spec)
      return deadLetter(
        record,
        tel,
        "unknown_type",
        `unknown message type "${envelope.type}" on ${record.topic}`,
        0,
      );
    tel.identify(spec.name, envelope.id);
    // Parsing bytes of another encoding as JSON could "succeed" and hand the handler garbage.
    if (!isJsonContentType(record.headers[CE_HEADERS.datacontenttype]))
      return deadLetter(
        record,
        tel,
        "unsupported_content_type",
        `unsupported content type ${JSON.stringify(envelope.datacontenttype)}: the consumer reads JSON (application/json or a +json type, UTF-8)`,
        0,
      );
    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(record.value ?? new Uint8Array()));
    } catch (error) {
      return deadLetter(
        record,
        tel,
        "undecodable",
        `undecodable payload: ${(error as Error).message}`,
        0,
        error,
      );
    }
    const issues = [...(spec.validatePayload?.(payload) ?? [])];
    // Trace context headers are transport metadata, not part of the message's headers contract.
    const headerIssues =
      spec.validateHeaders?.(withoutTraceHeaders(record.headers, telemetry.traceHeaders)) ?? [];
    if (issues.length > 0 || headerIssues.length > 0) {
      const parts = [
        issues.length > 0 ? `payload: ${describeIssues(issues)}` : "",
        headerIssues.length > 0 ? `headers: ${describeIssues(headerIssues)}` : "",
      ].filter(Boolean);
      return deadLetter(record, tel, "invalid", `${spec.name} is invalid: ${parts.join("; ")}`, 0);
    }
    // A payload without the configured key falls back to the envelope id rather than skipping deduplication.
    const keyPointer = spec.idempotencyKey ?? options.idempotencyKey;
    const idempotencyKey =
      (keyPointer !== undefined ? keyString(readPointer(payload, keyPointer)) : undefined) ?? envelope.id;
    const storeKey = `${options.groupId}\u0000${spec.name}\u0000${idempotencyKey}`;
    const handler = options.handlers[spec.name]!;
    const store = options.idempotency;
    const maxAttempts = maxAttemptsOf(record.topic);
    for (let attempt = 1; ; attempt++) {
      try {
        const run = async (transaction: unknown) => {
          const started = performance.now();
          let failed = true;
          try {
            await context.with(tel.context, () =>
              handler({
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
              }),
            );
            failed = false;
          } finally {
            tel.handlerRan(elapsedSince(started), failed);
          }
        };
        if (store && (await store.process(storeKey, run)) === "duplicate") {
          stats.duplicates++;
          tel.duplicate();
          return;
        }
        if (!store) await run(undefined);
        stats.consumed++;
        tel.consumed();
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          const message = error instanceof Error ? error.message : String(error);
          return deadLetter(
            record,
            tel,
            "handler_failed",
            `handler failed after ${attempt} attempts: ${message}`,
            attempt,
            error,
          );
        }
        // Stopping: no further attempt; the record stays uncommitted and is redelivered.
        if (signal.aborted) {
          tel.interrupted(attempt);
          throw stopped();
        }
        const delay = backoffDelay(attempt, options.retry ?? {}, random);
        stats.retries++;
        tel.retry(attempt, error, delay);
        // Kafka evicts a member that stops heartbeating; a backoff is not a reason to.
        await keepAlive(interruptible(sleep(delay, signal), signal), record.heartbeat);
        if (signal.aborted) {
          tel.interrupted(attempt);
          throw stopped();
        }
      }
    }
  }

  return {
    stats,
    start() {
      const controller = new AbortController();
      const subscription = options.transport.consume({
        groupId: options.groupId,
        topics,
        handle: (record) => handle(record, controller.signal),
      });
      // A record abandoned by stop() rejects its handle (so the transport does not commit it); that is
      // the requested stop, not a failure.
      const done = subscription.done.catch((error: unknown) => {
        if (controller.signal.aborted && isStopped(error)) return;
        throw error;
      });
      return {
        done,
        async stop() {
          controller.abort();
          await subscription.stop();
        },
      };
    },
  };
}

const stopped = () =>
  new EventlineRuntimeError("CONSUMER_STOPPED", "the consumer was stopped; the record stays uncommitted");

const isStopped = (error: unknown) => isEventlineRuntimeError(error) && error.code === "CONSUMER_STOPPED";

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    // A zero delay still yields to I/O, but without a timer: setTimeout(0) waits at least 1 ms,
    // which made zero-backoff retries (tests, the property harness) wait on the clock.
    const timer = ms > 0 ? setTimeout(done, ms) : setImmediate(done);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      if (ms > 0) clearTimeout(timer as NodeJS.Timeout);
      else clearImmediate(timer as NodeJS.Immediate);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Settles when `wait` does or when `signal` aborts, whichever comes first. */
function interruptible(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([wait, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}
