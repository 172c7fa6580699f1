import fc from "fast-check";
import { EventlineError } from "../../errors.js";
import type { Saga, SagaRef } from "../../model/types.js";
import { createEnvelope, type DeliveredRecord, envelopeHeaders } from "../../runtime/index.js";
import { oneStepMutations } from "../../schema/index.js";
import { checkWith, type Verdict } from "../check.js";
import { canonical, diff } from "../compare.js";
import type { InputMessage } from "../contract.js";
import { payloadPool, stepsArbitrary } from "../schedule.js";
import type { ServiceUnderTest } from "../subject.js";
import type {
  GeneratedClient,
  PropertyResult,
  SagaDefinition,
  SagaFailure,
  SagaInstanceOutcome,
  SagaRunOptions,
  ServiceDefinition,
} from "../types.js";
import {
  type Answer,
  type OutputRecord,
  type RunOutcome,
  runServices,
  type Step,
  type WorldService,
} from "../world.js";
import { FAULTS, failedRun } from "./idempotent.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A step as the harness runs it: its messages by name, who answers it, how it can be made to fail. */
interface PlannedStep {
  name: string;
  action: string;
  actionTopic: string;
  compensationTopic?: string;
  success: InputMessage;
  failure?: InputMessage;
  compensation?: string;
  compensated?: InputMessage;
  participant: string;
  failures: SagaFailure[];
}

/** Per instance: the step made to fail (index) and how, or none. */
interface Plan {
  failAt: number | null;
  failure?: SagaFailure;
}

interface Setup {
  saga: Saga;
  steps: PlannedStep[];
  services: WorldService[];
  real: Set<string>;
  names: Map<string, string>;
  timeout: number;
}

const nameOf = (ref: SagaRef | "none" | undefined) => (typeof ref === "object" ? ref.messageName : undefined);

function invalid(message: string): never {
  throw new EventlineError("INPUT_INVALID", message);
}

/** Reads the saga from the orchestrator's contract and checks it can be run; throws INPUT_INVALID saying why not. */
function prepare(
  subject: ServiceUnderTest<GeneratedClient, unknown>,
  definition: SagaDefinition<never, never>,
): Setup {
  const { contract } = subject;
  const sagas = contract.sagas;
  const saga =
    definition.name === undefined
      ? sagas.length === 1
        ? sagas[0]
        : invalid(
            `${contract.service} declares ${sagas.length} sagas (${sagas.map((s) => s.name).join(", ")}); name one in saga.name`,
          )
      : (sagas.find((s) => s.name === definition.name) ??
        invalid(
          `${contract.service} declares no saga "${definition.name}" (sagas: ${sagas.map((s) => s.name).join(", ") || "none"})`,
        ));
  const inputs = new Map(contract.inputs.map((i) => [i.name, i]));
  const outputs = new Map(contract.outputs.map((o) => [o.name, o]));
  const participants = definition.participants ?? [];
  const real = new Set(participants.map((p) => p.contract.service));
  const steps = saga!.steps.map((step, i): PlannedStep => {
    const where = `step "${step.name}" of saga "${saga!.name}"`;
    const action = nameOf(step.action);
    const success = inputs.get(nameOf(step.success) ?? "");
    if (!action || !outputs.has(action))
      invalid(`${where}: its action is not a message ${contract.service} sends (eventline lint says why)`);
    if (!success)
      invalid(
        `${where}: its success reply is not a message ${contract.service} receives (eventline lint says why)`,
      );
    const failure = inputs.get(nameOf(step.failure) ?? "");
    const compensation = nameOf(step.compensation);
    const compensated = inputs.get(nameOf(step.compensated) ?? "");
    const participant = success.senders[0] ?? outputs.get(action)!.receivers[0];
    if (!participant) invalid(`${where}: no service sends ${success.name}, so nobody answers ${action}`);
    const timed = typeof step.timeout === "number" && step.timeout > 0 && definition.tick !== undefined;
    const failures: SagaFailure[] = [];
    if (failure?.valid.ok) failures.push("failure");
    if (timed) failures.push("timeout");
    if (timed && success.deadLetter && success.valid.ok) failures.push("poison");
    if (!success.valid.ok)
      invalid(`${where}: the harness cannot generate ${success.name}: ${success.valid.reason}`);
    return {
      name: step.name || `step ${i + 1}`,
      action,
      actionTopic: outputs.get(action)!.topic,
      ...(compensation && outputs.has(compensation)
        ? { compensationTopic: outputs.get(compensation)!.topic }
        : {}),
      success,
      ...(failure ? { failure } : {}),
      ...(compensation ? { compensation } : {}),
      ...(compensated?.valid.ok ? { compensated } : {}),
      participant,
      failures,
    };
  });
  const services: WorldService[] = [
    { name: contract.service, definition: subject.definition as never, inputs: contract.inputs },
    ...participants.map((p) => ({
      name: p.contract.service,
      definition: p.definition as ServiceDefinition<never, never>,
      inputs: p.contract.inputs,
    })),
  ];
  const names = new Map<string, string>();
  for (const c of [contract, ...participants.map((p) => p.contract)]) {
    for (const o of c.outputs) names.set(o.type, o.name);
    for (const i of c.inputs) names.set(i.type, i.name);
  }
  const timeout = Math.max(0, ...saga!.steps.map((s) => (typeof s.timeout === "number" ? s.timeout : 0)));
  return { saga: saga!, steps, services, real, names, timeout };
}

/** What the orchestrator must send for one instance: the actions up to the failed step, then the compensations of the completed steps in reverse. */
export function expectedCommands(steps: readonly PlannedStep[], plan: Plan): string[] {
  if (plan.failAt === null) return steps.map((s) => s.action);
  const done = steps.slice(0, plan.failAt);
  return [
    ...steps.slice(0, plan.failAt + 1).map((s) => s.action),
    ...done.flatMap((s) => (s.compensation ? [s.compensation] : [])).reverse(),
  ];
}

/**
 * `saga`: for the saga the orchestrator's document declares (`x-eventline-saga`), when step k fails
 * (its failure reply, its timeout, or a poison reply the orchestrator dead-letters), exactly the
 * completed steps are compensated, each once, in reverse order; when no step fails, nothing is; and
 * `consistent` holds over the final states of the orchestrator and the participants. Schedules
 * interleave several instances and add duplicates, crashes, rebalances and transient errors;
 * participants not passed in `participants` are played by the harness from the contract.
 */
export async function checkSaga<C extends GeneratedClient, D>(
  subject: ServiceUnderTest<C, D>,
  options: SagaRunOptions = {},
): Promise<PropertyResult> {
  const definition = subject.definition.saga as SagaDefinition<never, never> | undefined;
  if (!definition)
    return {
      property: "saga",
      ok: true,
      runs: 0,
      seed: options.seed ?? 0,
      skipped: `${subject.contract.service} declares a saga, but its definition has no \`saga\` (start, tick, participants) to run it with`,
    };
  const partitions = options.partitions ?? 3;
  let setup: Setup | undefined;
  const arbitrary = () => {
    setup = prepare(subject as never, definition);
    return fc.tuple(
      fc.array(planArbitrary(setup.steps, options.failAt), {
        minLength: 1,
        maxLength: options.instances ?? 3,
      }),
      stepsArbitrary(FAULTS, options.maxEvents ?? 40),
    );
  };
  return checkWith(
    "saga",
    subject.contract.service,
    arbitrary,
    ([plans, steps], trace) => evaluate(setup!, definition, plans, steps, partitions, trace),
    options,
  );
}

function planArbitrary(steps: readonly PlannedStep[], forced: SagaRunOptions["failAt"]): fc.Arbitrary<Plan> {
  if (forced === "none") return fc.constant({ failAt: null });
  if (forced !== undefined) {
    const index =
      typeof forced.step === "number" ? forced.step : steps.findIndex((s) => s.name === forced.step);
    const step = steps[index];
    if (!step)
      invalid(
        `failAt: the saga has no step ${JSON.stringify(forced.step)} (steps: ${steps.map((s) => s.name).join(", ")})`,
      );
    const failures = forced.failure ? [forced.failure] : step.failures;
    if (failures.length === 0 || failures.some((f) => !step.failures.includes(f)))
      invalid(
        `failAt: step "${step.name}" cannot be made to fail ${forced.failure ? `by ${forced.failure}` : "at all"}: it can fail by ${step.failures.join(", ") || "nothing (no failure reply, and no timeout with a tick)"}`,
      );
    return fc.nat(failures.length - 1).map((i) => ({ failAt: index, failure: failures[i]! }));
  }
  // Indexes, not constants: shrinking moves towards the first step's first failure, the shortest
  // instance, and passes through every other plan on the way (a constant shrinks to the first only).
  const plans: Plan[] = [
    ...steps.flatMap((s, i) => s.failures.map((failure) => ({ failAt: i, failure }))),
    { failAt: null },
  ];
  return fc.nat(plans.length - 1).map((i) => plans[i]!);
}

/** An instance id: uuid-shaped, distinct from the ids of generated events. */
const instanceId = (index: number) => `00000000-0000-4000-a000-${index.toString(16).padStart(12, "0")}`;

async function evaluate(
  setup: Setup,
  definition: SagaDefinition<never, never>,
  plans: Plan[],
  schedule: Step[],
  partitions: number,
  trace: boolean,
): Promise<Verdict> {
  const { steps, saga, real } = setup;
  const orchestrator = setup.services[0]!.name;
  const byKey = new Map<string, { index: number; plan: Plan }>();
  const label = (index: number) => `${saga.name}#${index}`;
  const describe = (plan: Plan) =>
    plan.failAt === null ? "no step fails" : `${steps[plan.failAt]!.name} fails (${plan.failure})`;
  let ticks = 0;
  const simulated = [
    ...new Map(
      steps.flatMap((s) => {
        if (real.has(s.participant)) return [];
        const groupId = `harness/${s.participant}`;
        const topics = [s.actionTopic, ...(s.compensationTopic ? [s.compensationTopic] : [])];
        return topics.map(
          (topic) => [`${groupId}\u0000${topic}`, { groupId, service: s.participant, topic }] as const,
        );
      }),
    ).values(),
  ];
  const answer = (delivery: {
    groupId: string;
    service: string;
    record: DeliveredRecord;
    now: Date;
  }): Answer | undefined => {
    const name = setup.names.get(delivery.record.headers.ce_type ?? "");
    const key = delivery.record.key === null ? null : decoder.decode(delivery.record.key);
    const instance = key === null ? undefined : byKey.get(key);
    const played = delivery.groupId.startsWith("harness/");
    const k = steps.findIndex((s) => s.action === name && s.participant === delivery.service);
    const step = steps[k];
    if (step && instance?.plan.failAt === k) {
      const failure = instance.plan.failure!;
      if (failure === "failure")
        return {
          note: `answers with its failure reply (${label(instance.index)}: ${step.name} made to fail)`,
          records: [reply(step, step.failure!, delivery, "valid")],
        };
      if (failure === "timeout")
        return {
          note: `answers nothing (${label(instance.index)}: ${step.name} made to time out)`,
          records: [],
        };
      const poison = reply(step, step.success, delivery, "poison");
      return {
        note: `answers with a poison ${step.success.name} (${label(instance.index)}: ${step.name} made to fail)`,
        records: [poison],
      };
    }
    if (!played) return undefined;
    if (step && instance)
      return { note: `answers ${step.action}`, records: [reply(step, step.success, delivery, "valid")] };
    const undone = steps.find((s) => s.compensation === name && s.participant === delivery.service);
    if (undone?.compensated && instance)
      return {
        note: `answers ${undone.compensation}`,
        records: [reply(undone, undone.compensated, delivery, "valid")],
      };
    return { note: "answers nothing", records: [] };
  };
  const run = await runServices(setup.services, [], schedule, {
    partitions,
    mode: "schedule",
    faults: true,
    trace,
    limit: 60 * plans.length + 4 * schedule.length + 50,
    hooks: {
      simulated,
      names: setup.names,
      duplicateOutputs: true,
      answer,
      // The run stops once an instance has sent a command its plan rules out: what follows cannot
      // make it right, and the timeline ends where it went wrong.
      stop: (world) => wrong(setup, world.outputs, byKey),
      async begin(world) {
        for (const [i, plan] of plans.entries()) {
          const index = i + 1;
          const { client, durable, context } = await world.process(orchestrator);
          world.note(`start ${label(index)} (${describe(plan)})`);
          const before = world.outputs.length;
          await definition.start(client as never, durable as never, {
            index,
            id: instanceId(index),
            context,
          });
          const first = world.outputs.slice(before).find((o) => o.key !== null);
          if (!first?.key)
            invalid(
              `saga.start published no keyed message for ${label(index)}; it must send ${steps[0]!.action}`,
            );
          if (byKey.has(first.key))
            invalid(`saga.start used the key ${first.key} for two instances; key each by instance.id`);
          byKey.set(first.key, { index, plan });
        }
      },
      async idle(world) {
        if (!definition.tick || setup.timeout === 0 || ticks >= 2 * plans.length) return false;
        ticks++;
        world.advance(setup.timeout + 1);
        world.note(`time passes: +${setup.timeout + 1} ms; ${orchestrator} checks its timeouts`);
        const { client, durable, context } = await world.process(orchestrator);
        const before = world.outputs.length;
        await definition.tick(client as never, durable as never, context);
        return world.outputs.length > before;
      },
    },
  });
  return verdict(setup, definition, run, byKey);
}

/**
 * A reply the harness publishes in a participant's place: a valid payload of the reply's schema that
 * carries the command's correlating fields (the order, payment, reservation ids), with an id derived
 * from the command's (a redelivered command gets the same reply); or a poison one, one mutation away.
 */
function reply(
  step: PlannedStep,
  input: InputMessage,
  delivery: { record: DeliveredRecord; now: Date },
  kind: "valid" | "poison",
): Answer["records"][number] {
  const command = delivery.record;
  let payload = correlate(input, parse(command.value));
  let note: string | undefined;
  if (kind === "poison") {
    const miss = input.valid.ok
      ? oneStepMutations(payload).find((m) => !input.valid.ok || !input.valid.isValid(m.value))
      : undefined;
    payload = miss?.value ?? null;
    note = `poison: ${miss?.mutation ?? "null payload"}`;
  }
  const envelope = createEnvelope(
    {
      source: `/eventline/testing/${step.participant}`,
      type: input.type,
      datacontenttype: "application/json",
      id: `${command.headers.ce_id ?? ""}.${input.name}`,
    },
    () => delivery.now,
  );
  return {
    topic: input.topic,
    record: {
      key: command.key,
      value: encoder.encode(JSON.stringify(payload)),
      headers: envelopeHeaders(envelope),
    },
    ...(note ? { note } : {}),
  };
}

function parse(value: Uint8Array | null): unknown {
  try {
    return JSON.parse(decoder.decode(value ?? new Uint8Array()));
  } catch {
    return null;
  }
}

/** A valid reply with every top-level field of the command it can take and stay valid. */
function correlate(input: InputMessage, command: unknown): unknown {
  const pool = payloadPool(input);
  let out = structuredClone(pool[0]) as Record<string, unknown>;
  if (
    !input.valid.ok ||
    out === null ||
    typeof out !== "object" ||
    command === null ||
    typeof command !== "object"
  )
    return out;
  for (const [k, v] of Object.entries(command)) {
    const candidate = { ...out, [k]: v };
    if (input.valid.isValid(candidate)) out = candidate;
  }
  return out;
}

/** The orchestrator's saga commands per instance: distinct by ce_id, in publish order. */
function sentCommands(
  setup: Setup,
  outputs: readonly OutputRecord[],
  byKey: ReadonlyMap<string, { index: number; plan: Plan }>,
): Map<number, string[]> {
  const orchestrator = setup.services[0]!.name;
  const commands = new Set(
    setup.steps.flatMap((s) => [s.action, ...(s.compensation ? [s.compensation] : [])]),
  );
  const sent = new Map<number, string[]>([...byKey.values()].map((i) => [i.index, []]));
  const seen = new Set<string>();
  for (const o of outputs) {
    const name = setup.names.get(o.type);
    const instance = o.key === null ? undefined : byKey.get(o.key);
    if (o.service !== orchestrator || !instance || !name || !commands.has(name)) continue;
    if (seen.has(`${o.topic}\u0000${o.id}`)) continue;
    seen.add(`${o.topic}\u0000${o.id}`);
    sent.get(instance.index)!.push(name);
  }
  return sent;
}

/** Some instance sent a command that is not the next one its plan expects. */
function wrong(
  setup: Setup,
  outputs: readonly OutputRecord[],
  byKey: ReadonlyMap<string, { index: number; plan: Plan }>,
): boolean {
  const sent = sentCommands(setup, outputs, byKey);
  for (const { index, plan } of byKey.values()) {
    const want = expectedCommands(setup.steps, plan);
    const got = sent.get(index)!;
    if (got.length > want.length || got.some((c, i) => c !== want[i])) return true;
  }
  return false;
}

/** The orchestrator's saga commands per instance (distinct by ce_id, in publish order) against the declared ones. */
function verdict(
  setup: Setup,
  definition: SagaDefinition<never, never>,
  run: RunOutcome,
  byKey: ReadonlyMap<string, { index: number; plan: Plan }>,
): Verdict {
  if (run.failure) return failedRun(run, run.failure);
  const { steps, saga } = setup;
  const expected: Record<string, string[]> = {};
  const actual: Record<string, string[]> = {};
  const instances = [...byKey].sort(([, a], [, b]) => a.index - b.index);
  const sent = sentCommands(setup, run.outputs, byKey);
  for (const [, { index }] of instances) actual[`${saga.name}#${index}`] = sent.get(index)!;
  const outcomes: SagaInstanceOutcome[] = [];
  for (const [key, { index, plan }] of instances) {
    const id = `${saga.name}#${index}`;
    expected[id] = expectedCommands(steps, plan);
    const outcome: SagaInstanceOutcome = {
      key,
      index,
      completed: steps.slice(0, plan.failAt ?? steps.length).map((s) => s.name),
    };
    if (plan.failAt !== null) {
      outcome.failedAt = steps[plan.failAt]!.name;
      outcome.failure = plan.failure!;
    }
    outcomes.push(outcome);
  }
  for (const [key, { index, plan }] of instances) {
    const id = `${saga.name}#${index}`;
    const want = expected[id]!;
    const got = actual[id]!;
    if (canonical(want) === canonical(got)) continue;
    return {
      ok: false,
      counterexample: {
        timeline: run.timeline,
        expected: { commands: expected },
        actual: { commands: actual },
        diff: diff({ commands: expected }, { commands: actual }),
        reason: `${id} (key ${key}): ${explain(steps, plan, got)}`,
        deliveries: run.deliveries,
      },
    };
  }
  const broken = definition.consistent?.(run.states, outcomes);
  if (broken)
    return {
      ok: false,
      counterexample: {
        timeline: run.timeline,
        actual: { states: run.states },
        diff: Object.entries(run.states).map(([service, state]) => {
          const text = canonical(state);
          return `${service}: ${text.length > 200 ? `${text.slice(0, 197)}...` : text}`;
        }),
        reason: `the final states are not consistent: ${broken}`,
        deliveries: run.deliveries,
      },
    };
  return { ok: true };
}

/** Why the commands of one instance are wrong, in a sentence. */
function explain(steps: readonly PlannedStep[], plan: Plan, got: readonly string[]): string {
  const failed = plan.failAt === null ? undefined : steps[plan.failAt]!;
  const done = plan.failAt === null ? steps : steps.slice(0, plan.failAt);
  const compensations = got.filter((c) => steps.some((s) => s.compensation === c));
  const head = failed ? `${failed.name} failed (${plan.failure})` : "no step failed";
  if (!failed && compensations.length > 0) return `${head}, yet it sent ${compensations.join(", ")}`;
  const never = steps.filter(
    (s) => !done.includes(s) && s.compensation && compensations.includes(s.compensation),
  );
  if (never.length > 0)
    return `${head}: it compensates ${never.map((s) => s.name).join(", ")}, which never completed`;
  const twice = compensations.filter((c, i) => compensations.indexOf(c) !== i);
  if (twice.length > 0) return `${head}: it sends ${[...new Set(twice)].join(", ")} more than once (new ids)`;
  const want = done.flatMap((s) => (s.compensation ? [s.compensation] : [])).reverse();
  if (compensations.length === want.length && compensations.some((c, i) => c !== want[i]))
    return `${head}: it compensates in the wrong order: ${compensations.join(", ")} (expected ${want.join(", ")}, the reverse of the steps)`;
  const missing = want.filter((c) => !compensations.includes(c));
  if (missing.length > 0) return `${head}: it never sends ${missing.join(", ")}`;
  return `${head}: its commands differ from the declared steps`;
}
