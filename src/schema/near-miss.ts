// Near-miss INVALID instances: a valid instance with exactly one small change (a property removed or
// added, a value of the wrong type, a bound crossed) that the runtime's ajv rejects. Poison messages
// that look like the real thing, which is what reaches a dead-letter channel in production.
import fc from "fast-check";
import { EventlineError } from "../errors.js";
import { type InstanceOptions, tryValidInstances } from "./arbitrary.js";
import { isObject } from "./candidates.js";

export interface NearMiss {
  /** The invalid instance. */
  value: unknown;
  /** The one change from a valid instance, e.g. `removed /orderId` or `replaced /items/0/quantity with "x"`. */
  mutation: string;
}

const SWAPS: unknown[] = [null, 0, 1.5, "", "x", true, [], {}];
const MAX_DEPTH = 4;

/** Every one-step mutation of `value`, deterministic, most structural first. */
export function oneStepMutations(value: unknown): NearMiss[] {
  const out: NearMiss[] = [];
  const visit = (node: unknown, pointer: string, set: (v: unknown) => unknown, depth: number): void => {
    const at = pointer || "/";
    const replace = (v: unknown, what = `replaced ${at} with ${short(v)}`) =>
      out.push({ value: set(v), mutation: what });
    if (isObject(node)) {
      for (const key of Object.keys(node)) {
        const rest = { ...node };
        delete rest[key];
        out.push({ value: set(rest), mutation: `removed ${pointer}/${escapeKey(key)}` });
      }
      replace({ ...node, "zz-unexpected": 1 }, `added ${pointer}/zz-unexpected`);
    } else if (Array.isArray(node)) {
      if (node.length > 0) replace(node.slice(1), `removed ${pointer}/0`);
      if (node.length > 0) replace([...node, node[0]], `repeated ${pointer}/0 at the end`);
      replace([...node, "extra"], `appended "extra" to ${at}`);
    } else if (typeof node === "string") {
      replace(`${node}!`);
      if (node.length > 0) replace(node.slice(1));
      replace(`${node}${"x".repeat(256)}`, `lengthened ${at} by 256 characters`);
    } else if (typeof node === "number") {
      for (const v of [node + 1, -node - 1, node + 0.5, 1e12]) replace(v);
    }
    for (const s of SWAPS)
      if (
        typeof s !== typeof node ||
        Array.isArray(s) !== Array.isArray(node) ||
        (s === null) !== (node === null)
      )
        replace(s);
    if (depth >= MAX_DEPTH) return;
    if (isObject(node))
      for (const [k, v] of Object.entries(node))
        visit(v, `${pointer}/${escapeKey(k)}`, (x) => set({ ...node, [k]: x }), depth + 1);
    else if (Array.isArray(node))
      node.forEach((v, i) => {
        visit(v, `${pointer}/${i}`, (x) => set(node.map((y, j) => (j === i ? x : y))), depth + 1);
      });
  };
  visit(value, "", (v) => v, 0);
  return out;
}

export type NearMissResult = { ok: true; arbitrary: fc.Arbitrary<NearMiss> } | { ok: false; reason: string };

/** The data form: near-miss invalid instances of `schema`, or why there are none. Never throws. */
export function tryNearMissInstances(schema: unknown, options: InstanceOptions = {}): NearMissResult {
  const valid = tryValidInstances(schema, options);
  if (!valid.ok) return valid;
  const { isValid } = valid;
  // Start at a drawn index and take the first mutation ajv rejects, so shrinking moves towards the
  // first (most structural) mutation of the simplest valid instance.
  const pick = (value: unknown, start: number): NearMiss | undefined => {
    const all = oneStepMutations(value);
    for (let i = 0; i < all.length; i++) {
      const m = all[(start + i) % all.length]!;
      if (!isValid(m.value)) return m;
    }
    return undefined;
  };
  if (!valid.seeds.some((s) => pick(s, 0) !== undefined))
    return {
      ok: false,
      reason:
        "no one-step mutation of the schema's valid instances is invalid: the schema accepts nearly anything",
    };
  const arbitrary = fc
    .tuple(valid.arbitrary, fc.nat())
    .map(([v, i]) => pick(v, i))
    .filter((m): m is NearMiss => m !== undefined);
  return { ok: true, arbitrary };
}

/** Near-miss invalid instances of `schema`; throws an `INPUT_INVALID` EventlineError when there are none. */
export function nearMissInstances(schema: unknown, options: InstanceOptions = {}): fc.Arbitrary<NearMiss> {
  const result = tryNearMissInstances(schema, options);
  if (!result.ok)
    throw new EventlineError("INPUT_INVALID", `cannot generate near-miss instances: ${result.reason}`);
  return result.arbitrary;
}

function escapeKey(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function short(v: unknown): string {
  const text = JSON.stringify(v) ?? "undefined";
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
