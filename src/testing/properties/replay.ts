import fc from "fast-check";
import { checkWith, type Verdict } from "../check.js";
import { canonical, diff } from "../compare.js";
import type { PropertyResult, RunOptions } from "../types.js";

/** An event-sourced projection: a pure fold over its events, the clock and ids handed in by the events. */
export interface Projection<S, E> {
  /** A name for reports. */
  name: string;
  /** Event logs to fold (e.g. the orders' domain events from the contract's payloads). */
  events: fc.Arbitrary<E[]>;
  initial: () => S;
  fold: (state: S, event: E) => S;
  /** How an event reads in a timeline. Default: its JSON, shortened. */
  describe?: (event: E) => string;
}

/**
 * Runs `work` with the wall clock and randomness replaced by tripwires: `Date.now()`, `new Date()`
 * without an argument, `Math.random()` and `crypto.randomUUID()` record what was read. A fold that
 * reads them gives another state on every replay.
 */
function guarded<T>(work: () => T): { value: T; reads: string[] } {
  const reads: string[] = [];
  const RealDate = Date;
  const realRandom = Math.random;
  const realUuid: (() => string) | undefined = globalThis.crypto?.randomUUID?.bind(globalThis.crypto);
  class TrippedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) reads.push("new Date()");
      super(...((args.length === 0 ? [0] : args) as [number]));
    }
    static override now(): number {
      reads.push("Date.now()");
      return 0;
    }
  }
  globalThis.Date = TrippedDate as DateConstructor;
  Math.random = () => {
    reads.push("Math.random()");
    return 0.5;
  };
  if (realUuid !== undefined)
    globalThis.crypto.randomUUID = () => {
      reads.push("crypto.randomUUID()");
      return "00000000-0000-4000-8000-000000000000" as ReturnType<typeof globalThis.crypto.randomUUID>;
    };
  try {
    return { value: work(), reads };
  } finally {
    globalThis.Date = RealDate;
    Math.random = realRandom;
    if (realUuid !== undefined)
      globalThis.crypto.randomUUID = realUuid as typeof globalThis.crypto.randomUUID;
  }
}

const roundTrip = <S>(s: S): S => JSON.parse(JSON.stringify(s)) as S;

/**
 * `replay`: rebuilding from the full log equals the state built incrementally (stored as JSON after
 * every event, as a read model is); a snapshot plus the tail equals the full replay; replaying twice
 * gives the same state; the fold reads neither the wall clock nor randomness.
 */
export async function checkReplay<S, E>(
  projection: Projection<S, E>,
  options: RunOptions = {},
): Promise<PropertyResult> {
  const arbitrary = projection.events.chain((events) => fc.tuple(fc.constant(events), fc.nat(events.length)));
  return checkWith(
    "replay",
    projection.name,
    arbitrary,
    async ([events, cut]) => evaluate(projection, events, cut),
    options,
  );
}

async function evaluate<S, E>(projection: Projection<S, E>, events: E[], cut: number): Promise<Verdict> {
  const describe = projection.describe ?? ((e: E) => (JSON.stringify(e) ?? "").slice(0, 100));
  const timeline = (extra: string[]) => [...events.map((e, i) => `event ${i + 1}: ${describe(e)}`), ...extra];
  const fail = (reason: string, expected?: unknown, actual?: unknown): Verdict => ({
    ok: false,
    counterexample: {
      timeline: timeline([]),
      ...(expected !== undefined ? { expected, actual } : {}),
      diff: expected !== undefined ? diff(expected, actual) : [],
      reason,
      deliveries: events.length,
    },
  });
  const full = guarded(() => events.reduce(projection.fold, projection.initial()));
  if (full.reads.length > 0)
    return fail(
      `the fold reads ${[...new Set(full.reads)].join(", ")} during replay; hand the time and ids in with the events`,
    );
  const again = guarded(() => events.reduce(projection.fold, projection.initial()));
  if (canonical(again.value) !== canonical(full.value))
    return fail(
      "replaying the same log twice gives different states",
      roundTrip(full.value),
      roundTrip(again.value),
    );
  const incremental = guarded(() =>
    events.reduce((s, e) => roundTrip(projection.fold(roundTrip(s), e)), projection.initial()),
  );
  if (canonical(incremental.value) !== canonical(roundTrip(full.value)))
    return fail(
      "the state built event by event (stored as JSON in between) differs from the full replay",
      roundTrip(full.value),
      incremental.value,
    );
  const snapshot = roundTrip(
    guarded(() => events.slice(0, cut).reduce(projection.fold, projection.initial())).value,
  );
  const resumed = guarded(() => events.slice(cut).reduce(projection.fold, snapshot));
  if (canonical(roundTrip(resumed.value)) !== canonical(roundTrip(full.value)))
    return fail(
      `a snapshot after event ${cut} plus the tail differs from the full replay`,
      roundTrip(full.value),
      roundTrip(resumed.value),
    );
  return { ok: true };
}
