// A concrete message for every break. Candidates are generated from the writer's schema
// (fast-check), seeded with values from both schemas, and kept only when ajv says the writer accepts
// and the reader rejects them. Nothing found within the budget is "unverified", never a guess.
import type { ValidateFunction } from "ajv";
import fc from "fast-check";
import { emptyPool, harvest, schemaArbitrary } from "../schema/candidates.js";
import { compileCached, forAjv } from "./ajv-pool.js";
import { isObject } from "./schema-walk.js";

export interface WitnessOptions {
  /** Instances tried (seeds and generated values together). Default 2000. */
  budget?: number;
  /** fast-check seed; fixed by default so reports are reproducible. */
  seed?: number;
  /** Assert `format` when validating candidates (default true, as isSubset compares it by default). */
  validateFormats?: boolean;
}

export type WitnessResult = { status: "found"; value: unknown } | { status: "unverified" };

export const DEFAULT_WITNESS_BUDGET = 2000;
export const DEFAULT_WITNESS_SEED = 20260301;

/** Values drawn before the first full batch of 200. */
const FIRST_LOOK = 12;

const UNVERIFIED: WitnessResult = { status: "unverified" };

/**
 * A value `writer` accepts and `reader` rejects, both judged by ajv, or "unverified". Schemas are JSON
 * (acyclic; recursion through local `#` refs): callers with resolved object graphs decycle first.
 */
export function findWitness(writer: unknown, reader: unknown, options: WitnessOptions = {}): WitnessResult {
  const budget = options.budget ?? DEFAULT_WITNESS_BUDGET;
  const formats = options.validateFormats ?? true;
  const accepts = validatorOf(writer, formats);
  const rejects = validatorOf(reader, formats);
  if (!accepts || !rejects || budget <= 0) return UNVERIFIED;
  let tried = 0;
  const seen = new Set<string>();
  // Returns true when the search should stop (found, or budget spent).
  let found: WitnessResult = UNVERIFIED;
  const attempt = (value: unknown): boolean => {
    let key: string;
    try {
      key = JSON.stringify(value) ?? "undefined";
    } catch {
      return false;
    }
    if (seen.has(key)) return false;
    seen.add(key);
    tried++;
    // A round trip through JSON: the witness must be a message that can be written down.
    const message = JSON.parse(key === "undefined" ? "null" : key) as unknown;
    if (accepts(message) && !rejects(message)) {
      found = { status: "found", value: shrink(message, (v) => accepts(v) && !rejects(v)) };
      return true;
    }
    return tried >= budget;
  };
  const pool = harvest(reader, harvest(writer, emptyPool()));
  for (const v of [...pool.values, ...pool.numbers, ...pool.strings, null, true, false, {}, []])
    if (attempt(v)) return found;
  const arbitrary = schemaArbitrary(writer, writer, { pool });
  // Draw in small batches so an early hit does not pay for the whole budget.
  let seed = options.seed ?? DEFAULT_WITNESS_SEED;
  let misses = 0;
  while (tried < budget && misses < 4) {
    const before = tried;
    // A first look at the batch's first few values: most breaks show in them, and fast-check builds
    // every value of a sample up front. Same seed, so the full batch then starts with the same values
    // (skipped as already seen): the result does not depend on this shortcut.
    if (seed === (options.seed ?? DEFAULT_WITNESS_SEED))
      for (const v of fc.sample(arbitrary, { numRuns: Math.min(FIRST_LOOK, budget), seed }))
        if (attempt(v)) return found;
    for (const v of fc.sample(arbitrary, { numRuns: Math.min(200, budget), seed }))
      if (attempt(v)) return found;
    // Only duplicates: the writer's space is (nearly) exhausted.
    misses = tried === before ? misses + 1 : 0;
    seed = (seed * 31 + 7) | 0;
  }
  return found;
}

/**
 * Greedy shrinking, so the witness reads like a message rather than noise: drop keys and elements,
 * simplify scalars, as long as the writer still accepts and the reader still rejects. Bounded.
 */
function shrink(value: unknown, breaks: (v: unknown) => boolean, limit = 400): unknown {
  let current = value;
  let checks = 0;
  let improved = true;
  while (improved && checks < limit) {
    improved = false;
    for (const candidate of simpler(current)) {
      if (++checks > limit) break;
      if (breaks(candidate)) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}

/** Strictly simpler variants of a JSON value, most drastic first. */
function* simpler(value: unknown): Generator<unknown> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++)
      for (const s of simpler(value[i])) yield [...value.slice(0, i), s, ...value.slice(i + 1)];
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    for (const k of keys) {
      const copy = { ...value };
      delete copy[k];
      yield copy;
    }
    for (const k of keys) for (const s of simpler(value[k])) yield { ...value, [k]: s };
  } else if (typeof value === "string" && value.length > 0) {
    if (value !== "a".repeat(value.length)) yield "a".repeat(value.length);
    yield value.slice(0, Math.floor(value.length / 2));
    yield value.slice(0, -1);
  } else if (typeof value === "number" && value !== 0) {
    yield 0;
    if (!Number.isInteger(value))
      yield Math.trunc(value) + 0.5 === value ? Math.trunc(value) : Math.trunc(value) + 0.5;
    else if (Math.abs(value) > 1) yield Math.trunc(value / 2);
  }
}

/** Compiles one schema with ajv for its draft; undefined when ajv cannot (then nothing is claimed). */
export function validatorOf(
  schema: unknown,
  validateFormats: boolean,
): ((v: unknown) => boolean) | undefined {
  if (typeof schema === "boolean") return () => schema;
  if (!isObject(schema)) return undefined;
  const validate = compileWhole(schema, validateFormats);
  if (!validate) return undefined;
  return (v) => {
    try {
      return validate(v) as boolean;
    } catch {
      return false;
    }
  };
}

/**
 * ajv's validator of a whole schema, or undefined when ajv refuses it. A resolved message schema
 * embeds every file it referenced, each with its `$id`: one file used twice is an `$id` declared
 * twice, which ajv refuses. Its references are already followed, so the embedded ids say nothing
 * more: the schema is compiled again without them.
 */
export function compileWhole(
  schema: Record<string, unknown>,
  validateFormats: boolean,
): ValidateFunction | undefined {
  try {
    return compileCached(forAjv(schema) as Record<string, unknown>, validateFormats);
  } catch {
    try {
      return compileCached(withoutNestedIds(forAjv(schema)) as Record<string, unknown>, validateFormats);
    } catch {
      return undefined;
    }
  }
}

function withoutNestedIds(node: unknown, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((v) => withoutNestedIds(v, depth + 1));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    if (!(depth > 0 && k === "$id" && typeof v === "string")) out[k] = withoutNestedIds(v, depth + 1);
  return out;
}
