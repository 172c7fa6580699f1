// JSON Schema → fast-check arbitrary of VALID instances. Candidates (candidates.ts) are drawn and
// each one is checked with the runtime's ajv setup (ajv.ts), so nothing invalid ever comes out. A
// probe draws a fixed sample first: a schema none of whose candidates (nor examples) validates is
// reported as an error instead of being filtered forever.
import fc from "fast-check";
import { EventlineError } from "../errors.js";
import { runtimeValidator, runtimeValidatorAt } from "./ajv.js";
import { emptyPool, harvest, isObject, type SeedPool, schemaArbitrary } from "./candidates.js";

export interface InstanceOptions {
  /** The document the schema sits in, when its local `$ref`s point into it. Default: the schema. */
  root?: unknown;
  /** Where the schema sits in `root` (a JSON pointer); found by identity when omitted. */
  pointer?: string;
  /** Instances tried first and kept among the values (a document's `examples`); invalid ones are ignored. */
  examples?: readonly unknown[];
  /** Extra seed values (see `harvest`). */
  pool?: SeedPool;
  /** Candidates drawn by the probe. Default 200. */
  probe?: number;
  /** Seed of the probe (the arbitrary itself follows the seed of whoever samples it). Default 1. */
  seed?: number;
}

export type InstancesResult =
  | {
      ok: true;
      arbitrary: fc.Arbitrary<unknown>;
      /** Share of the probe's candidates ajv accepted (0..1). */
      acceptance: number;
      /** A few valid instances: the valid examples and what the probe found. */
      seeds: unknown[];
      /** ajv's verdict on any value, as the runtime runs it. */
      isValid: (value: unknown) => boolean;
    }
  | { ok: false; reason: string };

/**
 * Below this acceptance the generated values come from the probe's valid instances only: filtering
 * candidates that ajv rejects 49 times out of 50 would make every run slow for little variety.
 */
const MIN_ACCEPTANCE = 0.02;

/** The data form: valid instances of `schema`, or why there are none. Never throws. */
export function tryValidInstances(schema: unknown, options: InstanceOptions = {}): InstancesResult {
  const root = options.root ?? schema;
  let isValid: (value: unknown) => boolean;
  try {
    const pointer = options.pointer ?? (root === schema ? "" : pointerTo(root, schema));
    if (pointer === undefined) return { ok: false, reason: "the schema is not inside the given root" };
    const validate = root === schema ? runtimeValidator(schema) : runtimeValidatorAt(root, pointer);
    isValid = (value) => {
      try {
        return validate(value) === true;
      } catch {
        return false;
      }
    };
  } catch (error) {
    return { ok: false, reason: `ajv cannot compile the schema: ${(error as Error).message}` };
  }
  const pool = options.pool ?? harvest(schema, harvest(root === schema ? {} : root, emptyPool()));
  const candidates = schemaArbitrary(schema, root, { pool }).map(asJson);
  const probe = options.probe ?? 200;
  const seeds: unknown[] = [];
  const seen = new Set<string>();
  const keep = (v: unknown) => {
    const key = JSON.stringify(v);
    if (key === undefined || seen.has(key) || !isValid(v)) return false;
    seen.add(key);
    seeds.push(v);
    return true;
  };
  for (const example of options.examples ?? []) keep(asJson(example));
  let accepted = 0;
  for (const v of fc.sample(candidates, { numRuns: probe, seed: options.seed ?? 1 }))
    if (isValid(v)) {
      accepted++;
      if (seeds.length < 32) keep(v);
    }
  if (seeds.length === 0)
    return {
      ok: false,
      reason: `no valid instance among ${probe} generated candidates${options.examples?.length ? " and the examples" : ""}: the schema looks unsatisfiable`,
    };
  const acceptance = accepted / Math.max(1, probe);
  const fromSeeds = fc.constantFrom(...seeds);
  const arbitrary =
    acceptance >= MIN_ACCEPTANCE
      ? fc.oneof({ arbitrary: candidates.filter(isValid), weight: 4 }, { arbitrary: fromSeeds, weight: 1 })
      : fromSeeds;
  return { ok: true, arbitrary, acceptance, seeds, isValid };
}

/**
 * An arbitrary of instances valid under `schema` as the runtime's ajv judges them. Throws an
 * `INPUT_INVALID` EventlineError when there is none to be found (an unsatisfiable schema).
 */
export function validInstances(schema: unknown, options: InstanceOptions = {}): fc.Arbitrary<unknown> {
  const result = tryValidInstances(schema, options);
  if (!result.ok) throw new EventlineError("INPUT_INVALID", `cannot generate instances: ${result.reason}`);
  return result.arbitrary;
}

/** JSON in, JSON out: what a message can carry (no -0, no undefined members). */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

/** The JSON pointer of `target` inside `root`, by identity. */
export function pointerTo(root: unknown, target: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (node: unknown, pointer: string): string | undefined => {
    if (node === target) return pointer;
    if (typeof node !== "object" || node === null || seen.has(node)) return undefined;
    seen.add(node);
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [k, v] of entries) {
      if (!isObject(v) && !Array.isArray(v)) continue;
      const found = walk(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root, "");
}
