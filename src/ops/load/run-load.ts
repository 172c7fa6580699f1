import * as hdr from "hdr-histogram-js";
import type { MessageSpec } from "../../runtime/message-spec.js";
import { createPublisher, type Published } from "../../runtime/publisher.js";
import type { Transport } from "../../runtime/transport.js";
import { batchingTransport } from "./batching.js";
import type { PayloadSource } from "./payloads.js";
import { dueBy } from "./schedule.js";

export interface LoadOptions {
  transport: Transport;
  /** One source per message to send; messages are sent round-robin over them. */
  sources: readonly PayloadSource[];
  specs: readonly MessageSpec[];
  /** Target rate, messages per second. */
  rate: number;
  /** Stop after this long (ms), or after `messages`; whichever comes first when both are given. */
  durationMs?: number;
  messages?: number;
  /** Linear ramp from 0 to `rate` (ms, default 0). */
  rampMs?: number;
  /** Publishes awaiting their acknowledgement at most (default 256). */
  concurrency?: number;
  /** CloudEvents source of the messages (default `/eventline/load`). */
  source?: string;
  onProgress?: (progress: LoadProgress) => void;
  /** Each acknowledged message, with when its publish began (performance.now()). */
  onPublished?: (published: Published, startedAt: number) => void;
  signal?: AbortSignal;
}

export interface LoadProgress {
  elapsedMs: number;
  sent: number;
  errors: number;
  inFlight: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadRun {
  target: { rate: number; durationMs: number | null; messages: number | null; rampMs: number };
  /** Acknowledged by the broker. */
  sent: number;
  errors: number;
  /** The first few distinct error messages. */
  errorSamples: string[];
  elapsedMs: number;
  /** sent / elapsed time, messages per second (the ramp included). */
  achievedRate: number;
  /** Publish latency in ms: from the publish call to the broker's acknowledgement. */
  publishLatencyMs: LatencySummary;
}

export function summary(histogram: hdr.Histogram, scale = 1000): LatencySummary {
  const at = (p: number) => histogram.getValueAtPercentile(p) / scale;
  return {
    count: histogram.totalCount,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: histogram.maxValue / scale,
    mean: Math.round((histogram.mean / scale) * 1000) / 1000,
  };
}

export function latencyHistogram(): hdr.Histogram {
  // Microseconds, 3 significant digits, growing as needed: one slow acknowledgement cannot overflow it.
  return hdr.build({
    bitBucketSize: 64,
    autoResize: true,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/**
 * Publishes valid messages at a target rate through the generated-client path (the runtime's
 * publisher: validation, key, envelope) with at most `concurrency` unacknowledged, and measures what
 * was achieved. The schedule is absolute (message i is due at a fixed time), so a slow moment is
 * caught up afterwards, within the concurrency bound.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const rampMs = options.rampMs ?? 0;
  const limit = options.messages ?? Number.POSITIVE_INFINITY;
  const durationMs = options.durationMs ?? Number.POSITIVE_INFINITY;
  const concurrency = options.concurrency ?? 256;
  const publisher = createPublisher({
    transport: batchingTransport(options.transport),
    source: options.source ?? "/eventline/load",
    messages: options.specs,
  });
  const histogram = latencyHistogram();
  const errorSamples = new Set<string>();
  let sent = 0;
  let errors = 0;
  let dispatched = 0;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const start = performance.now();
  let lastProgress = start;
  const publishOne = (i: number) => {
    const source = options.sources[i % options.sources.length]!;
    const began = performance.now();
    inFlight++;
    publisher
      .publish(source.message.message.name, source.payload(Math.floor(i / options.sources.length)))
      .then(
        (published) => {
          sent++;
          histogram.recordValue(Math.max(1, Math.round((performance.now() - began) * 1000)));
          options.onPublished?.(published, began);
        },
        (error: unknown) => {
          errors++;
          if (errorSamples.size < 5) errorSamples.add(error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => {
        inFlight--;
        wake?.();
      });
  };
  while (dispatched < limit && !options.signal?.aborted) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs) break;
    const due = Math.min(dueBy(elapsed, options.rate, rampMs), limit);
    while (dispatched < due && inFlight < concurrency) publishOne(dispatched++);
    if (options.onProgress && performance.now() - lastProgress >= 1000) {
      lastProgress = performance.now();
      options.onProgress({ elapsedMs: lastProgress - start, sent, errors, inFlight });
    }
    // Sleep until the next message is due, or until an acknowledgement frees a slot.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, inFlight >= concurrency ? 50 : 1);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
  }
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 1));
  const elapsedMs = performance.now() - start;
  return {
    target: {
      rate: options.rate,
      durationMs: Number.isFinite(durationMs) ? durationMs : null,
      messages: Number.isFinite(limit) ? limit : null,
      rampMs,
    },
    sent,
    errors,
    errorSamples: [...errorSamples],
    elapsedMs: Math.round(elapsedMs),
    achievedRate: Math.round((sent / (elapsedMs / 1000)) * 10) / 10,
    publishLatencyMs: summary(histogram),
  };
}
