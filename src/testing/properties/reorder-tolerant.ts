import fc from "fast-check";
import { checkWith, type Verdict } from "../check.js";
import { diff, observe } from "../compare.js";
import { eventsArbitrary, stepsArbitrary } from "../schedule.js";
import type { ServiceUnderTest } from "../subject.js";
import type { GeneratedClient, PropertyResult, RunOptions, ServiceDefinition } from "../types.js";
import { type EventSpec, runWorld, type Step } from "../world.js";
import { failedRun, sameOutcome } from "./idempotent.js";

/**
 * Another publish order of the same events: any order across keys; within a key only on a channel
 * declared `x-eventline-ordering: none` (a per-key channel keeps one key's events in order).
 */
export function reorder(events: readonly EventSpec[], ranks: readonly number[]): EventSpec[] {
  const order = events
    .map((e, i) => ({ e, rank: ranks[i % Math.max(1, ranks.length)] ?? 0, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.e);
  const groups = new Map<string, EventSpec[]>();
  for (const e of events)
    if (e.input.ordering === "per-key") {
      const g = `${e.input.topic}\u0000${e.key}`;
      groups.set(g, [...(groups.get(g) ?? []), e]);
    }
  const next = new Map<string, number>();
  return order.map((e) => {
    if (e.input.ordering !== "per-key") return e;
    const g = `${e.input.topic}\u0000${e.key}`;
    const n = next.get(g) ?? 0;
    next.set(g, n + 1);
    return groups.get(g)![n]!;
  });
}

/**
 * `reorder-tolerant`: the final state and the published events do not depend on how deliveries of
 * different keys interleave, nor, on an unordered channel, on the order within a key.
 */
export async function checkReorderTolerant<C extends GeneratedClient, D>(
  subject: ServiceUnderTest<C, D>,
  options: RunOptions = {},
): Promise<PropertyResult> {
  const definition = subject.definition as unknown as ServiceDefinition<never, never>;
  const partitions = options.partitions ?? 3;
  const maxEvents = options.maxEvents ?? 12;
  const arbitrary = () =>
    fc.tuple(
      eventsArbitrary(subject.contract, {
        minEvents: options.minEvents ?? 2,
        maxEvents,
        keys: options.keys ?? 3,
        poison: 0,
      }),
      stepsArbitrary([], maxEvents * 2),
      stepsArbitrary([], maxEvents * 2),
    );
  return checkWith(
    "reorder-tolerant",
    subject.contract.service,
    arbitrary,
    // Schedule B publishes in reverse (within a key only on an unordered channel) and interleaves
    // the partitions its own way: a fixed permutation shrinks with the events, a drawn one does not.
    ([events, a, b], trace) =>
      evaluate(
        definition,
        events,
        a,
        b,
        events.map((_, i) => -i),
        partitions,
        trace,
      ),
    options,
  );
}

async function evaluate(
  definition: ServiceDefinition<never, never>,
  events: EventSpec[],
  stepsA: Step[],
  stepsB: Step[],
  ranks: number[],
  partitions: number,
  trace: boolean,
): Promise<Verdict> {
  const first = await runWorld(definition, events, stepsA, {
    partitions,
    mode: "schedule",
    faults: false,
    trace,
  });
  if (first.failure) return failedRun(first, first.failure);
  const second = await runWorld(definition, reorder(events, ranks), stepsB, {
    partitions,
    mode: "schedule",
    faults: false,
    trace,
  });
  if (second.failure) return failedRun(second, second.failure);
  const a = observe(first.state, first.outputs);
  const b = observe(second.state, second.outputs);
  for (const run of [first, second]) {
    const broken = definition.invariant?.(run.state);
    if (broken) return failedRun(run, `the invariant fails: ${broken}`);
  }
  if (sameOutcome(definition, a, b)) return { ok: true };
  return {
    ok: false,
    counterexample: {
      timeline: [
        "schedule A:",
        ...first.timeline.map((t) => `  ${t}`),
        "schedule B:",
        ...second.timeline.map((t) => `  ${t}`),
      ],
      expected: a,
      actual: b,
      diff: diff(a, b),
      reason: "two delivery orders of the same events end in different outcomes",
      deliveries: first.deliveries + second.deliveries,
    },
  };
}
