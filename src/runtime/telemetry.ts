import {
  type Attributes,
  type Context,
  type Counter,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type Histogram,
  type Meter,
  metrics,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapPropagator,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { DeadLetterReason } from "./errors.js";

/**
 * OpenTelemetry for the runtime, through `@opentelemetry/api` only: without an SDK every call is the
 * API's no-op. Publisher and consumer call the small functions below; nothing else touches the API.
 */
export interface TelemetryOptions {
  /** Default: the global tracer provider's "eventline" tracer (a proxy: an SDK registered later is used). */
  tracer?: Tracer;
  /** Default: the global meter provider's "eventline" meter, looked up when the publisher/consumer is created. */
  meter?: Meter;
  /** Writes and reads trace context in record headers. Default: the global propagator (W3C `traceparent`/`tracestate` once an SDK is registered). */
  propagator?: TextMapPropagator;
}

export const INSTRUMENTATION_NAME = "eventline";

/**
 * The stable metric set (docs/runtime.md#telemetry). Names of the OpenTelemetry messaging semantic
 * conventions where one fits (sent, consumed, process duration), `eventline.messages.*` for what the
 * conventions do not cover; alert rules and dashboards depend on these names.
 */
export const METRICS = {
  published: "messaging.client.sent.messages",
  consumed: "messaging.client.consumed.messages",
  duplicates: "eventline.messages.duplicates",
  retries: "eventline.messages.retries",
  deadLettered: "eventline.messages.dead_lettered",
  handlerDuration: "messaging.process.duration",
} as const;

/** The conventions' advice for `messaging.process.duration`, in seconds. */
export const PROCESS_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
] as const;

/** Attribute names: OpenTelemetry messaging semantic conventions where one exists, `eventline.*` otherwise. */
export const ATTR = {
  system: "messaging.system",
  destination: "messaging.destination.name",
  group: "messaging.consumer.group.name",
  operationType: "messaging.operation.type",
  operationName: "messaging.operation.name",
  messageId: "messaging.message.id",
  partition: "messaging.destination.partition.id",
  offset: "messaging.kafka.offset",
  key: "messaging.kafka.message.key",
  messageName: "eventline.message.name",
  attempt: "eventline.attempt",
  errorType: "error.type",
} as const;

/**
 * Headers that carry trace context rather than contract data. They are added after the publisher
 * validated the message's headers, and removed before the consumer validates them, so a headers
 * schema with `additionalProperties: false` holds whether or not tracing is on.
 */
const TRACE_HEADERS = ["traceparent", "tracestate", "baggage"];

export function traceHeaderNames(propagator: TextMapPropagator = propagation): string[] {
  return [...new Set([...TRACE_HEADERS, ...propagator.fields()])];
}

export function withoutTraceHeaders(
  headers: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = { ...headers };
  for (const name of names) delete out[name];
  return out;
}

interface Instruments {
  tracer: Tracer;
  propagator: TextMapPropagator;
  published: Counter;
  consumed: Counter;
  duplicates: Counter;
  retries: Counter;
  deadLettered: Counter;
  handlerDuration: Histogram;
}

function instruments(options: TelemetryOptions): Instruments {
  const meter = options.meter ?? metrics.getMeter(INSTRUMENTATION_NAME);
  const counter = (name: string, description: string) =>
    meter.createCounter(name, { description, unit: "{message}" });
  return {
    tracer: options.tracer ?? trace.getTracer(INSTRUMENTATION_NAME),
    propagator: options.propagator ?? propagation,
    published: counter(METRICS.published, "Messages the broker acknowledged"),
    consumed: counter(METRICS.consumed, "Messages whose handler succeeded (then committed)"),
    duplicates: counter(METRICS.duplicates, "Redelivered messages skipped by the idempotency store"),
    retries: counter(METRICS.retries, "Handler runs that failed and were retried after a backoff"),
    deadLettered: counter(METRICS.deadLettered, "Messages sent to the dead-letter channel"),
    handlerDuration: meter.createHistogram(METRICS.handlerDuration, {
      description: "Duration of one handler run (each attempt)",
      unit: "s",
      advice: { explicitBucketBoundaries: [...PROCESS_DURATION_BUCKETS] },
    }),
  };
}

const failure = (span: Span, error: unknown, message?: string) => {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: message ?? (error instanceof Error ? error.message : String(error)),
  });
};

// ---------------------------------------------------------------------------------------------- publish

export interface PublishTelemetry {
  /**
   * Runs `send` inside a PRODUCER span "publish <topic>". `send` receives `inject`, which copies the
   * span's trace context into a header map (call it after validation); errors mark the span ERROR.
   */
  publish<T>(
    topic: string,
    messageName: string,
    send: (inject: (headers: Record<string, string>) => Record<string, string>, span: Span) => Promise<T>,
  ): Promise<T>;
}

export function publishTelemetry(options: TelemetryOptions = {}): PublishTelemetry {
  const t = instruments(options);
  return {
    async publish(topic, messageName, send) {
      const attributes: Attributes = {
        [ATTR.system]: "kafka",
        [ATTR.destination]: topic,
        [ATTR.messageName]: messageName,
      };
      const span = t.tracer.startSpan(
        `publish ${topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: { ...attributes, [ATTR.operationType]: "send", [ATTR.operationName]: "publish" },
        },
        context.active(),
      );
      const spanContext = trace.setSpan(context.active(), span);
      const inject = (headers: Record<string, string>) => {
        const out = { ...headers };
        t.propagator.inject(spanContext, out, defaultTextMapSetter);
        return out;
      };
      try {
        const result = await context.with(spanContext, () => send(inject, span));
        t.published.add(1, attributes);
        return result;
      } catch (error) {
        failure(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------- consume

/** One record's CONSUMER span and the metrics recorded while handling it. */
export interface RecordTelemetry {
  /** The message was recognised: its name joins the span's and the metrics' attributes. */
  identify(messageName: string, messageId: string): void;
  /** Times one handler attempt; `failed` adds `error.type`. */
  handlerRan(durationMs: number, failed: boolean): void;
  consumed(): void;
  duplicate(): void;
  retry(attempt: number, error: unknown, delayMs: number): void;
  deadLettered(reason: DeadLetterReason, detail: string, error?: unknown): void;
  /** stop() interrupted a retry backoff: the record stays uncommitted and is redelivered. */
  interrupted(attempt: number): void;
  /** Any other failure (e.g. the dead-letter send failed, no dead-letter channel). */
  failed(error: unknown): void;
  end(): void;
  /** The span's context with the span active: run the handler in it so its spans are children. */
  readonly context: Context;
}

export interface ConsumeTelemetry {
  /** Starts a CONSUMER span "process <topic>" whose parent is the trace context found in `headers`. */
  record(
    topic: string,
    partition: number,
    offset: number,
    key: string | null,
    headers: Readonly<Record<string, string>>,
  ): RecordTelemetry;
  /** Header names to drop before validating headers (trace context is not contract data). */
  readonly traceHeaders: readonly string[];
}

export function consumeTelemetry(groupId: string, options: TelemetryOptions = {}): ConsumeTelemetry {
  const t = instruments(options);
  // Metric attribute sets are few (topic × message × error type): built once and reused, so a
  // record allocates little when no SDK records anything.
  const attributeSets = new Map<string, Attributes>();
  const attributesFor = (topic: string, messageName?: string, errorType?: string): Attributes => {
    const key = `${topic}\u0000${messageName ?? ""}\u0000${errorType ?? ""}`;
    let attributes = attributeSets.get(key);
    if (!attributes) {
      attributes = { [ATTR.system]: "kafka", [ATTR.destination]: topic, [ATTR.group]: groupId };
      if (messageName !== undefined) attributes[ATTR.messageName] = messageName;
      if (errorType !== undefined) attributes[ATTR.errorType] = errorType;
      attributeSets.set(key, attributes);
    }
    return attributes;
  };
  return {
    traceHeaders: traceHeaderNames(t.propagator),
    record(topic, partition, offset, key, headers) {
      const parent = t.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
      const base = attributesFor(topic);
      const span = t.tracer.startSpan(
        `process ${topic}`,
        { kind: SpanKind.CONSUMER, attributes: base },
        parent,
      );
      if (span.isRecording()) {
        span.setAttributes({
          [ATTR.operationType]: "process",
          [ATTR.operationName]: "process",
          [ATTR.partition]: String(partition),
          [ATTR.offset]: offset,
        });
        if (key !== null) span.setAttribute(ATTR.key, key);
      }
      return new ConsumedRecordTelemetry(t, span, parent, topic, base, attributesFor);
    },
  };
}

/** A class rather than closures: one small object per record. */
class ConsumedRecordTelemetry implements RecordTelemetry {
  private messageName: string | undefined;
  private spanContext: Context | undefined;

  constructor(
    private readonly t: Instruments,
    private readonly span: Span,
    private readonly parent: Context,
    private readonly topic: string,
    /** The metric attributes without `error.type`; gains the message name once identified. */
    private base: Attributes,
    private readonly attributesFor: (topic: string, messageName?: string, errorType?: string) => Attributes,
  ) {}

  get context(): Context {
    this.spanContext ??= trace.setSpan(this.parent, this.span);
    return this.spanContext;
  }

  private attributes(errorType?: string): Attributes {
    return errorType === undefined ? this.base : this.attributesFor(this.topic, this.messageName, errorType);
  }

  identify(messageName: string, messageId: string): void {
    this.messageName = messageName;
    this.base = this.attributesFor(this.topic, messageName);
    if (this.span.isRecording())
      this.span.setAttributes({ [ATTR.messageName]: messageName, [ATTR.messageId]: messageId });
  }

  handlerRan(durationMs: number, failed: boolean): void {
    this.t.handlerDuration.record(durationMs / 1000, this.attributes(failed ? "handler_failed" : undefined));
  }

  consumed(): void {
    this.t.consumed.add(1, this.attributes());
  }

  duplicate(): void {
    this.t.duplicates.add(1, this.attributes());
    this.span.setAttribute("eventline.duplicate", true);
  }

  retry(attempt: number, error: unknown, delayMs: number): void {
    this.t.retries.add(1, this.attributes());
    this.span.addEvent("retry", {
      [ATTR.attempt]: attempt,
      "eventline.retry.delay_ms": delayMs,
      "exception.message": error instanceof Error ? error.message : String(error),
      ...(error instanceof Error ? { "exception.type": error.name } : {}),
    });
  }

  deadLettered(reason: DeadLetterReason, detail: string, error?: unknown): void {
    this.t.deadLettered.add(1, this.attributes(reason));
    this.span.addEvent("dead_lettered", { [ATTR.errorType]: reason, "eventline.error": detail });
    this.span.setAttribute(ATTR.errorType, reason);
    if (error instanceof Error) this.span.recordException(error);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: detail });
  }

  interrupted(attempt: number): void {
    this.span.addEvent("interrupted", { [ATTR.attempt]: attempt });
  }

  failed(error: unknown): void {
    failure(this.span, error);
  }

  end(): void {
    this.span.end();
  }
}

/** Milliseconds, monotonic. */
export const elapsedSince = (start: number): number => performance.now() - start;
