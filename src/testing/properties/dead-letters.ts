import fc from "fast-check";
import { checkWith, type Verdict } from "../check.js";
import { eventsArbitrary, stepsArbitrary } from "../schedule.js";
import type { ServiceUnderTest } from "../subject.js";
import type { GeneratedClient, PropertyResult, RunOptions, ServiceDefinition } from "../types.js";
import { type EventSpec, runWorld, type Step } from "../world.js";
import { failedRun } from "./idempotent.js";

/**
 * `dead-letters`: among good messages, poison ones (near-miss invalid payloads, one mutation away
 * from valid) end on the operation's dead-letter channel with `eventline-error` and
 * `eventline-attempts` headers; no good message is dead-lettered; every good message is handled;
 * on a per-key channel the good messages of one key are handled in publish order. Schedules add
 * producer duplicates and transient handler failures (fewer than `maxAttempts`).
 */
export async function checkDeadLetters<C extends GeneratedClient, D>(
  subject: ServiceUnderTest<C, D>,
  options: RunOptions = {},
): Promise<PropertyResult> {
  const definition = subject.definition as unknown as ServiceDefinition<never, never>;
  const withDeadLetter = subject.contract.inputs.filter((i) => i.deadLetter && i.nearMiss.ok && i.valid.ok);
  if (withDeadLetter.length === 0)
    return {
      property: "dead-letters",
      ok: true,
      runs: 0,
      seed: options.seed ?? 0,
      skipped: `${subject.contract.service} receives no message with a dead-letter channel and a near-miss invalid form`,
    };
  const partitions = options.partitions ?? 3;
  const maxEvents = options.maxEvents ?? 12;
  const arbitrary = () =>
    fc.tuple(
      eventsArbitrary(subject.contract, {
        minEvents: options.minEvents ?? 1,
        maxEvents,
        keys: options.keys ?? 3,
        poison: 0.3,
      }),
      stepsArbitrary(["duplicate", "transient"], maxEvents * 3),
    );
  return checkWith(
    "dead-letters",
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
  const run = await runWorld(definition, events, steps, {
    partitions,
    mode: "schedule",
    faults: true,
    trace,
  });
  if (run.failure) return failedRun(run, run.failure);
  const label = (e: EventSpec) => `${e.input.name}#${e.index}`;
  const deadLetterTopics = new Set(
    events.flatMap((e) => (e.input.deadLetter ? [e.input.deadLetter.topic] : [])),
  );
  const dead = run.outputs.filter((o) => deadLetterTopics.has(o.topic));
  for (const e of events) {
    const mine = dead.filter((o) => o.id === e.id && o.topic === e.input.deadLetter?.topic);
    if (e.poison !== undefined) {
      if (mine.length === 0) return failedRun(run, `poison ${label(e)} (${e.poison}) was not dead-lettered`);
      const headers = mine[0]!.headers;
      if (!headers["eventline-error"] || headers["eventline-attempts"] === undefined)
        return failedRun(
          run,
          `poison ${label(e)} was dead-lettered without eventline-error and eventline-attempts headers`,
        );
      continue;
    }
    if (dead.some((o) => o.id === e.id))
      return failedRun(
        run,
        `good message ${label(e)} was dead-lettered: ${dead.find((o) => o.id === e.id)!.headers["eventline-error"] ?? "?"}`,
      );
    if (!run.invocations.some((i) => i.id === e.id && i.completed))
      return failedRun(run, `good message ${label(e)} was never handled`);
  }
  // Per-key order of the good messages: the first completed handling of each, per topic and key.
  const good = events.filter((e) => e.poison === undefined && e.input.ordering === "per-key");
  const firstDone = new Map<string, number>();
  run.invocations.forEach((inv, i) => {
    if (inv.completed && !firstDone.has(inv.id)) firstDone.set(inv.id, i);
  });
  const byKey = new Map<string, EventSpec[]>();
  for (const e of good) {
    const k = `${e.input.topic}\u0000${e.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  for (const list of byKey.values()) {
    const handled = [...list].sort((a, b) => (firstDone.get(a.id) ?? 0) - (firstDone.get(b.id) ?? 0));
    if (handled.some((e, i) => e !== list[i]))
      return failedRun(
        run,
        `good messages of key ${list[0]!.key} were handled out of order: ${handled.map(label).join(", ")} (published ${list.map(label).join(", ")})`,
      );
  }
  return { ok: true };
}
