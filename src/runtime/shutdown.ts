import { EventlineRuntimeError } from "./errors.js";

/**
 * Graceful shutdown on process signals: stop consuming (a running handler finishes and commits),
 * disconnect, close the stores, exit 0. A second signal, or a shutdown that outlasts `timeoutMs`,
 * exits 1 at once.
 */
export interface ShutdownTargets {
  /** Running subscriptions (what `consumer.start()` returned). Stopped first, all together. */
  subscriptions?: readonly { stop(): Promise<void> }[];
  /** Then disconnected, all together: Kafka transports, or anything else with `disconnect()`. */
  transports?: readonly { disconnect(): Promise<void> }[];
  /** Then closed: idempotency stores (those without `close` are skipped). */
  stores?: readonly { close?(): Promise<void> }[];
}

/** The part of `process` used here; injectable for tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Settings of {@link installShutdown}. */
export interface ShutdownOptions {
  /** Default `["SIGINT", "SIGTERM"]`. */
  signals?: readonly NodeJS.Signals[];
  /** Longest graceful shutdown before a forced exit(1). Default 30,000 ms. */
  timeoutMs?: number;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
  /** Default `process`. */
  process?: SignalSource;
  /** Progress and failures, one line each. Default: written to stderr. */
  log?: (line: string) => void;
}

/** What {@link shutdown} reports once every step ran. */
export interface ShutdownResult {
  /** Steps that failed, as "<step>: <message>" (the other steps still ran). */
  failures: string[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Stops subscriptions, then disconnects transports, then closes stores. Each phase runs its targets
 * together and waits for all of them; a failure is collected and does not skip the rest.
 */
export async function shutdown(targets: ShutdownTargets): Promise<ShutdownResult> {
  const failures: string[] = [];
  const phase = async <T>(name: string, items: readonly T[] | undefined, run: (item: T) => Promise<void>) => {
    const results = await Promise.allSettled((items ?? []).map((item) => run(item)));
    results.forEach((r, i) => {
      if (r.status === "rejected") failures.push(`${name} #${i + 1}: ${message(r.reason)}`);
    });
  };
  await phase("stop subscription", targets.subscriptions, (s) => s.stop());
  await phase("disconnect transport", targets.transports, (t) => t.disconnect());
  await phase("close store", targets.stores, async (s) => {
    await s.close?.();
  });
  return { failures };
}

/**
 * Installs signal handlers for a graceful shutdown of `targets`; returns a disposer that removes them.
 * First signal: {@link shutdown}, then exit 0 (1 when a step failed). Second signal or `timeoutMs`
 * elapsed: exit 1 immediately.
 */
export function installShutdown(targets: ShutdownTargets, options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ["SIGINT", "SIGTERM"];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source: SignalSource = options.process ?? process;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (signals.length === 0) {
    throw new EventlineRuntimeError(
      "INVALID_OPTION",
      "installShutdown: signals must name at least one signal",
    );
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new EventlineRuntimeError(
      "INVALID_OPTION",
      `installShutdown: timeoutMs must be a positive number, got ${timeoutMs}`,
    );
  }

  let started = false;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    exit(code);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      log(`eventline: ${signal} again, forcing exit`);
      finish(1);
      return;
    }
    started = true;
    log(`eventline: ${signal}, shutting down (again to force; forced after ${timeoutMs} ms)`);
    timer = setTimeout(() => {
      log(`eventline: shutdown did not finish within ${timeoutMs} ms, forcing exit`);
      finish(1);
    }, timeoutMs);
    void shutdown(targets).then(({ failures }) => {
      for (const f of failures) log(`eventline: shutdown: ${f}`);
      finish(failures.length > 0 ? 1 : 0);
    });
  };

  for (const s of signals) source.on(s, onSignal);
  return () => {
    for (const s of signals) source.off(s, onSignal);
  };
}
