// A whole message for every break. The engine's findings name schema locations; a pull-request author
// needs a message: one the writer's top-level schema (the whole payload or headers) accepts and the
// reader's rejects, checked by ajv on both sides. When the message has examples, the break is grafted
// into one of them so that the witness reads like real traffic.
import type { ErrorObject } from "ajv";
import type { CompatFinding } from "./finding.js";
import { isObject } from "./schema-walk.js";
import {
  compileWhole,
  DEFAULT_WITNESS_BUDGET,
  findWitness,
  validatorOf,
  type WitnessOptions,
} from "./witness.js";

export interface MessageWitnessOptions extends WitnessOptions {
  /** Messages the writer's side documents (`examples`): the witness is built from one when it can be. */
  examples?: readonly unknown[];
}

export type MessageWitness =
  | {
      status: "found";
      /** A complete instance of the writer's top-level schema that the reader's rejects. */
      value: unknown;
      /** JSON pointer into `value`: where ajv rejects it under the reader's schema. */
      pointer: string;
      /** True when `value` is one of the examples, or one patched at the breaking location. */
      fromExample: boolean;
    }
  | { status: "unverified"; reason: string };

/** ajv's verdict with the place it rejects, for the reader's side, and its errors. */
interface Check {
  (value: unknown): { valid: boolean; pointer: string };
  errorsOf(value: unknown): ErrorObject[];
}

/**
 * A message `writer` accepts and `reader` rejects (both whole schemas, JSON, acyclic), preferably one
 * of `examples` or an example patched where the break is; otherwise the search's own message. Every
 * returned value was validated by ajv against both schemas; "unverified" carries the reason.
 */
export function messageWitness(
  writer: unknown,
  reader: unknown,
  options: MessageWitnessOptions = {},
): MessageWitness {
  const formats = options.validateFormats ?? true;
  const accepts = validatorOf(writer, formats);
  const check = checkerOf(reader, formats);
  if (!accepts) return { status: "unverified", reason: "ajv cannot compile the writer's schema" };
  if (!check) return { status: "unverified", reason: "ajv cannot compile the reader's schema" };
  const breaks = (v: unknown) => accepts(v) && !check(v).valid;
  const found = (value: unknown, fromExample: boolean): MessageWitness => ({
    status: "found",
    value,
    pointer: check(value).pointer,
    fromExample,
  });
  // Examples the writer does not accept describe another message: they are no base for a witness.
  const examples = (options.examples ?? []).flatMap((e) => {
    const json = asJson(e);
    return json !== undefined && accepts(json.value) ? [json.value] : [];
  });
  for (const e of examples) if (!check(e).valid) return found(e, true);
  const search = findWitness(writer, reader, options);
  if (search.status !== "found") {
    const budget = options.budget ?? DEFAULT_WITNESS_BUDGET;
    return {
      status: "unverified",
      reason: `no message the writer's schema accepts and the reader's rejects among ${budget} candidates`,
    };
  }
  const raw = search.value;
  const at = check(raw).pointer;
  for (const e of examples)
    for (const candidate of patches(e, raw, at, check)) if (breaks(candidate)) return found(candidate, true);
  return found(raw, false);
}

/**
 * An example changed only where `raw` breaks: the breaking value (or its nearest enclosing one that
 * the example has room for) grafted in, laid over the example's value first so that its other keys
 * stay, then replacing it; a property the reader requires and the example sends, removed.
 */
function* patches(example: unknown, raw: unknown, pointer: string, check: Check): Generator<unknown> {
  const tokens = tokensOf(pointer);
  for (const missing of missingProperties(raw, check)) {
    const parent = valueAt(example, missing.at);
    if (isObject(parent) && missing.key in parent) {
      const { [missing.key]: _, ...rest } = parent;
      yield withValueAt(example, missing.at, rest);
    }
  }
  for (let depth = tokens.length; depth >= 0; depth--) {
    const at = tokens.slice(0, depth);
    const graft = valueAt(raw, at);
    if (graft === undefined) continue;
    const current = valueAt(example, at);
    if (isObject(current) && isObject(graft)) yield withValueAt(example, at, overlay(current, graft));
    if (depth === 0) break; // the raw message itself is the fallback, not an example
    if (isContainer(valueAt(example, at.slice(0, -1)))) yield withValueAt(example, at, graft);
  }
}

function* missingProperties(raw: unknown, check: Check): Generator<{ at: string[]; key: string }> {
  for (const e of check.errorsOf(raw)) {
    const key =
      e.keyword === "required" ? (e.params as { missingProperty?: unknown }).missingProperty : undefined;
    if (typeof key === "string") yield { at: tokensOf(e.instancePath), key };
  }
}

/** `over`'s keys laid on `base`, recursively for objects on both sides. */
function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? overlay(b, v) : v;
  }
  return out;
}

function isContainer(v: unknown): boolean {
  return isObject(v) || Array.isArray(v);
}

function valueAt(value: unknown, tokens: readonly string[]): unknown {
  let v = value;
  for (const t of tokens) {
    if (Array.isArray(v)) v = /^\d+$/.test(t) ? v[Number(t)] : undefined;
    else if (isObject(v)) v = Object.hasOwn(v, t) ? v[t] : undefined;
    else return undefined;
  }
  return v;
}

/** A copy of `value` with `replacement` at `tokens` (its parents exist: checked by the caller). */
function withValueAt(value: unknown, tokens: readonly string[], replacement: unknown): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy = [...value];
    const i = Number(head);
    if (!/^\d+$/.test(head) || i > copy.length) return value;
    copy[i] = withValueAt(copy[i], rest, replacement);
    return copy;
  }
  if (isObject(value)) return { ...value, [head]: withValueAt(value[head], rest, replacement) };
  return value;
}

function tokensOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function pointerOf(tokens: readonly string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** A value as it would be written in a message (a JSON round trip), or undefined when it is not JSON. */
function asJson(value: unknown): { value: unknown } | undefined {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The reader's ajv validator, reporting where it rejects: the error reached through the fewest schema
 * keywords (a combinator's own error rather than those of each branch it tried), and the property an
 * `additionalProperties` error names.
 */
function checkerOf(schema: unknown, formats: boolean): Check | undefined {
  if (typeof schema === "boolean")
    return Object.assign(() => ({ valid: schema, pointer: "" }), { errorsOf: () => [] });
  if (!isObject(schema)) return undefined;
  const validate = compileWhole(schema, formats);
  if (!validate) return undefined;
  const errorsOf = (v: unknown): ErrorObject[] => {
    try {
      return validate(v) ? [] : [...(validate.errors ?? [])];
    } catch {
      return [];
    }
  };
  const verdict = (v: unknown): { valid: boolean; pointer: string } => {
    let valid: boolean;
    try {
      valid = validate(v) as boolean;
    } catch {
      return { valid: false, pointer: "" };
    }
    if (valid) return { valid, pointer: "" };
    const errors = validate.errors ?? [];
    const depth = (e: ErrorObject) => e.schemaPath.split("/").length;
    const first = errors.reduce<ErrorObject | undefined>(
      (a, e) => (!a || depth(e) < depth(a) ? e : a),
      undefined,
    );
    if (!first) return { valid, pointer: "" };
    const extra = (first.params as { additionalProperty?: unknown }).additionalProperty;
    const at = tokensOf(first.instancePath);
    return { valid, pointer: pointerOf(typeof extra === "string" ? [...at, extra] : at) };
  };
  return Object.assign(verdict, { errorsOf });
}

const memo = new WeakMap<object, WeakMap<object, Map<string, MessageWitness>>>();

/**
 * messageWitness with default options, memoised per (writer, reader, examples): decycled schemas are
 * cached objects, so one pair of messages is searched once however many findings and uses it has.
 */
export function cachedMessageWitness(
  writer: unknown,
  reader: unknown,
  examples: readonly unknown[] = [],
  validateFormats = true,
): MessageWitness {
  const options = { examples, validateFormats };
  if (!isObject(writer) || !isObject(reader)) return messageWitness(writer, reader, options);
  let perWriter = memo.get(writer);
  if (!perWriter) {
    perWriter = new WeakMap();
    memo.set(writer, perWriter);
  }
  let perReader = perWriter.get(reader);
  if (!perReader) {
    perReader = new Map();
    perWriter.set(reader, perReader);
  }
  const key = `${validateFormats}\u0000${asJson(examples) ? JSON.stringify(examples) : ""}`;
  let hit = perReader.get(key);
  if (!hit) {
    hit = messageWitness(writer, reader, options);
    perReader.set(key, hit);
  }
  return hit;
}

/** The witness fields a finding carries: the message, where it breaks, or why there is none. */
export function witnessFields(
  w: MessageWitness,
): Pick<CompatFinding, "witness" | "witnessPointer" | "witnessStatus" | "witnessReason"> {
  return w.status === "found"
    ? { witness: w.value, witnessPointer: w.pointer, witnessStatus: "found" }
    : { witness: null, witnessStatus: "unverified", witnessReason: w.reason };
}
