// fast-check arbitraries of what a run is made of: events drawn from the contract (valid payloads,
// keys from a small pool so that several events share one, examples first) and the delivery steps
// with their faults. Both are plain arrays, so fast-check shrinks a failure to few events and steps.
import fc from "fast-check";
import { EventlineError } from "../errors.js";
import { readPointer } from "../runtime/pointer.js";
import type { InputMessage, ServiceContract } from "./contract.js";
import type { EventSpec, Fault, Step } from "./world.js";

export interface EventOptions {
  minEvents: number;
  maxEvents: number;
  keys: number;
  /** Share of poison (near-miss invalid) messages, 0 for none. */
  poison: number;
}

/** How many valid payloads per message are drawn once and then picked from. */
const POOL = 128;
const pools = new WeakMap<InputMessage, unknown[]>();

/**
 * Valid payloads of `input`: drawn once (fixed seed, so runs stay reproducible) and picked from by
 * each run. Generating and checking a fresh payload per event costs more than running the event;
 * shrinking then moves towards the first, simplest payloads of the pool.
 */
export function payloadPool(input: InputMessage): unknown[] {
  let pool = pools.get(input);
  if (!pool) {
    pool = input.valid.ok
      ? [...input.valid.seeds, ...fc.sample(input.valid.arbitrary, { numRuns: POOL, seed: 20250101 })]
      : [];
    pools.set(input, pool);
  }
  return pool;
}

/** Messages the harness can generate: a valid instance exists. */
export function generatable(contract: ServiceContract): InputMessage[] {
  return contract.inputs.filter((i) => i.valid.ok);
}

/** Partition-key values shared by the run's events: a few drawn from the schema of the first keyed message. */
export function keyPool(inputs: readonly InputMessage[], size: number): string[] {
  const keyed = inputs.find((i) => i.partitionKey !== undefined && i.valid.ok);
  if (!keyed?.valid.ok) return [];
  const values = fc
    .sample(keyed.valid.arbitrary, { numRuns: 50, seed: 20250101 })
    .map((v) => readPointer(v, keyed.partitionKey!))
    .filter((k): k is string => typeof k === "string");
  return [...new Set(values)].slice(0, Math.max(1, size));
}

/** ce_ids the harness mints: readable in timelines, valid wherever a string id is. */
export function eventId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

/**
 * Sets `pointer` in `value` itself (a fresh copy made by freshIds) and returns how to undo it, or
 * undefined when the pointer leads nowhere. Cloning the payload per event cost more than the event.
 */
function setPointerInPlace(value: unknown, pointer: string, to: string): (() => void) | undefined {
  if (!pointer.startsWith("/") || value === null || typeof value !== "object") return undefined;
  const segments = pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = value as Record<string, unknown>;
  for (const s of segments.slice(0, -1)) {
    const next = node[s];
    if (next === null || typeof next !== "object") return undefined;
    node = next as Record<string, unknown>;
  }
  const last = segments.at(-1)!;
  const had = Object.hasOwn(node, last);
  const before = node[last];
  node[last] = to;
  return () => {
    if (had) node[last] = before;
    else delete node[last];
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The payload with every uuid-shaped string replaced by one derived from it and the event's index:
 * payloads drawn from one pool would otherwise share business ids (a paymentId, a reservationId)
 * across unrelated events, which the contract's idempotency keys say means "the same command".
 */
function freshIds(value: unknown, index: number): unknown {
  if (typeof value === "string" && UUID.test(value)) {
    let h = 2166136261 ^ index;
    for (const c of value) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
    const a = hex(h);
    const b = hex(Math.imul(h, 31) ^ index);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${a.slice(1, 4)}-${b}${index.toString(16).padStart(4, "0").slice(-4)}`;
  }
  if (Array.isArray(value)) return value.map((v) => freshIds(v, index));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, freshIds(v, index)]));
  return value;
}

interface Draft {
  input: number;
  payload: unknown;
  key: number;
  poison?: string;
}

/** Events of one run. Throws INPUT_INVALID when the service receives nothing the harness can generate. */
export function eventsArbitrary(contract: ServiceContract, options: EventOptions): fc.Arbitrary<EventSpec[]> {
  const inputs = generatable(contract);
  if (inputs.length === 0)
    throw new EventlineError(
      "INPUT_INVALID",
      `${contract.service} receives no message the harness can generate: ${contract.inputs.map((i) => `${i.name}: ${i.valid.ok ? "" : i.valid.reason}`).join("; ") || "it receives nothing"}`,
    );
  const pool = keyPool(inputs, options.keys);
  const poisonable = inputs.map((i) => i.nearMiss.ok && i.deadLetter !== undefined);
  const misses = inputs.map((i) =>
    i.nearMiss.ok && poisonable[inputs.indexOf(i)]
      ? fc.sample(i.nearMiss.arbitrary, { numRuns: 64, seed: 20250102 })
      : [],
  );
  const poisonWeight = options.poison > 0 ? Math.max(1, Math.round(options.poison * 10)) : 0;
  // Plain indexes into pools drawn once: no arbitrary is built per event, and shrinking moves
  // towards the first message, the first payload and the first key.
  const draft: fc.Arbitrary<Draft> = fc
    .record({
      input: fc.nat(inputs.length - 1),
      payload: fc.nat(1023),
      key: fc.nat(Math.max(0, pool.length - 1)),
      poison:
        poisonWeight > 0
          ? fc.oneof(
              { arbitrary: fc.constant(-1), weight: 10 - Math.min(9, poisonWeight) },
              { arbitrary: fc.nat(63), weight: poisonWeight },
            )
          : fc.constant(-1),
    })
    .map(({ input, payload, key, poison }): Draft => {
      const miss = poison >= 0 ? misses[input]![poison % Math.max(1, misses[input]!.length)] : undefined;
      if (miss) return { input, payload: miss.value, key, poison: miss.mutation };
      const payloads = payloadPool(inputs[input]!);
      return { input, payload: payloads[payload % payloads.length], key };
    });
  return fc.array(draft, { minLength: options.minEvents, maxLength: options.maxEvents }).map((drafts) =>
    drafts.map((d, i): EventSpec => {
      const input = inputs[d.input]!;
      const payload = freshIds(d.payload, i + 1);
      let key: string | null = pool.length > 0 ? pool[d.key % pool.length]! : null;
      // A poison payload keeps its mutation (it may be the key property itself); its record key
      // still comes from the pool.
      if (input.partitionKey !== undefined && key !== null && d.poison === undefined) {
        const undo = setPointerInPlace(payload, input.partitionKey, key);
        // A message whose key property has another shape keeps its own key.
        if (!(input.valid.ok && input.valid.isValid(payload))) {
          undo?.();
          const own = readPointer(payload, input.partitionKey);
          key = typeof own === "string" ? own : key;
        }
      } else if (input.partitionKey === undefined) key = null;
      const spec: EventSpec = { index: i + 1, input, payload, key, id: eventId(i + 1) };
      if (d.poison !== undefined) spec.poison = d.poison;
      return spec;
    }),
  );
}

/** Delivery steps; `faults` lists the faults to draw (weighted against plain deliveries). */
export function stepsArbitrary(faults: readonly Fault[], maxSteps: number): fc.Arbitrary<Step[]> {
  const fault: fc.Arbitrary<Fault> =
    faults.length === 0
      ? fc.constant("none")
      : fc.oneof(
          { arbitrary: fc.constant<Fault>("none"), weight: 3 },
          { arbitrary: fc.constantFrom(...faults), weight: 1 },
        );
  return fc.array(fc.record({ pick: fc.nat(7), fault }), { maxLength: maxSteps });
}
