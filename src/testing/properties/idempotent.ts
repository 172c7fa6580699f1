import fc from "fast-check";
import { checkWith, type Verdict } from "../check.js";
import { diff, type Observed, observe } from "../compare.js";
import { eventsArbitrary, stepsArbitrary } from "../schedule.js";
import type { ServiceUnderTest } from "../subject.js";
import type { GeneratedClient, PropertyResult, RunOptions, ServiceDefinition } from "../types.js";
import { type EventSpec, type Fault, type RunOutcome, runWorld, type Step } from "../world.js";

/** Every fault the harness injects. */
export const FAULTS: readonly Fault[] = [
  "duplicate",
  "crash-after-effect",
  "crash-on-publish",
  "crash-before-commit",
  "rebalance",
  "transient",
];

/** Same state and same published events, or what the service declared equivalent. */
export function sameOutcome(definition: ServiceDefinition<never, never>, a: Observed, b: Observed): boolean {
  const sameState = definition.equivalent
    ? definition.equivalent(a.state, b.state)
    : JSON.stringify(a.state) === JSON.stringify(b.state);
  return sameState && JSON.stringify(a.published) === JSON.stringify(b.published);
}

export function failedRun(run: RunOutcome, reason: string): Verdict {
  return {
    ok: false,
    counterexample: { timeline: run.timeline, diff: [], reason, deliveries: run.deliveries },
  };
}

/**
 * `idempotent`: after a schedule with duplicates (producer re-sends and broker redeliveries), crashes
 * (after the effect, at a publish, before the commit), rebalances and transient failures, the state
 * and the published events equal those of handling each distinct event exactly once, in the order the
 * schedule first delivered them.
 */
export async function checkIdempotent<C extends GeneratedClient, D>(
  subject: ServiceUnderTest<C, D>,
  options: RunOptions = {},
): Promise<PropertyResult> {
  const definition = subject.definition as unknown as ServiceDefinition<never, never>;
  const partitions = options.partitions ?? 3;
  const maxEvents = options.maxEvents ?? 12;
  const arbitrary = () =>
    fc.tuple(
      eventsArbitrary(subject.contract, {
        minEvents: options.minEvents ?? 1,
        maxEvents,
        keys: options.keys ?? 3,
        poison: 0,
      }),
      stepsArbitrary(FAULTS, maxEvents * 3),
    );
  return checkWith(
    "idempotent",
    subject.contract.service,
    arbitrary,
    ([events, steps], trace) => evaluate(definition, events, steps, partitions, trace),
    options,
  );
}

async function evaluate(
  definition: ServiceDefinition<never, never>,
  events: EventSpec[],
  steps: Step[],
  partitions: number,
  trace: boolean,
): Promise<Verdict> {
  const actual = await runWorld(definition, events, steps, {
    partitions,
    mode: "schedule",
    faults: true,
    trace,
  });
  if (actual.failure) return failedRun(actual, actual.failure);
  const byId = new Map(events.map((e) => [e.id, e]));
  const once = [
    ...actual.firstDelivered.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    ...events.filter((e) => !actual.firstDelivered.includes(e.id)),
  ];
  const reference = await runWorld(definition, once, [], {
    partitions,
    mode: "sequential",
    faults: false,
    trace,
  });
  if (reference.failure) return failedRun(reference, `handling each event once fails: ${reference.failure}`);
  const expected = observe(reference.state, reference.outputs);
  const got = observe(actual.state, actual.outputs);
  const broken = definition.invariant?.(actual.state);
  if (broken) return failedRun(actual, `the invariant fails: ${broken}`);
  if (sameOutcome(definition, expected, got)) return { ok: true };
  return {
    ok: false,
    counterexample: {
      timeline: actual.timeline,
      expected,
      actual: got,
      diff: diff(expected, got),
      reason: "the outcome differs from handling each event exactly once",
      deliveries: actual.deliveries,
    },
  };
}
