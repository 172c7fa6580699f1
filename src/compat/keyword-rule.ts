import type { CompatRuleMeta } from "./rule-meta.js";
import { isObject, type SchemaObject } from "./schema-walk.js";
import type { CompatProfile } from "./subset-options.js";

/** The JSON type whose keywords a keyword rule compares (it runs when writer and reader share it). */
export type KeywordType = "string" | "number" | "array" | "object";

/** One writer/reader schema pair at the same place, as a keyword rule sees it. */
export interface KeywordPair {
  ws: SchemaObject;
  rs: SchemaObject;
  /** Numbers: both sides admit integers only. */
  integersOnly: boolean;
  profile: CompatProfile;
  compareFormat: boolean;
}

/**
 * Reports one finding of the rule at the pair's place, with a value that shows it when one is known;
 * as `unprovable` instead when the rule cannot decide the pair (never silence).
 */
export type ReportFinding = (message: string, witness?: unknown, ruleId?: "unprovable") => void;

/**
 * A rule decided by the keywords of one schema pair, without recursing into subschemas (the engine
 * in is-subset.ts does that): bounds, lengths, patterns, formats, required. Its check lives in its
 * rule file beside its metadata.
 */
export interface KeywordRule extends CompatRuleMeta {
  readonly applies: KeywordType;
  check(pair: KeywordPair, report: ReportFinding): void;
}

/**
 * The check of a count that only the reader raised (`minLength`, `minItems`, `minProperties`; absent
 * is 0). `witness` turns the writer's minimum into a value the reader rejects, where one is obvious.
 */
export function minimumRose(keyword: string, witness?: (writerMin: number) => unknown): KeywordRule["check"] {
  return ({ ws, rs }, report) => {
    const wMin = num(ws[keyword]) ?? 0;
    const rMin = num(rs[keyword]) ?? 0;
    if (rMin > wMin) report(`${keyword} rose from ${wMin} to ${rMin}`, witness?.(wMin));
  };
}

/** The check of a count that only the reader lowered (`maxLength`, `maxItems`, `maxProperties`; absent is ∞). */
export function maximumFell(keyword: string): KeywordRule["check"] {
  return ({ ws, rs }, report) => {
    const wMax = num(ws[keyword]) ?? Number.POSITIVE_INFINITY;
    const rMax = num(rs[keyword]) ?? Number.POSITIVE_INFINITY;
    if (rMax < wMax) report(`${keyword} fell from ${wMax} to ${rMax}`);
  };
}

export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export interface Bound {
  value: number;
  exclusive: boolean;
}

/** The tightest lower bound: `minimum`, `exclusiveMinimum` (number, or draft-04's boolean modifier). */
export function lower(s: SchemaObject): Bound | undefined {
  const min = num(s.minimum);
  const exMin = typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum : undefined;
  const d4 = s.exclusiveMinimum === true;
  const candidates: Bound[] = [];
  if (min !== undefined) candidates.push({ value: min, exclusive: d4 });
  if (exMin !== undefined) candidates.push({ value: exMin, exclusive: true });
  return candidates.sort((a, b) => b.value - a.value || Number(b.exclusive) - Number(a.exclusive))[0];
}

/** The tightest upper bound, as `lower`. */
export function upper(s: SchemaObject): Bound | undefined {
  const max = num(s.maximum);
  const exMax = typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum : undefined;
  const d4 = s.exclusiveMaximum === true;
  const candidates: Bound[] = [];
  if (max !== undefined) candidates.push({ value: max, exclusive: d4 });
  if (exMax !== undefined) candidates.push({ value: exMax, exclusive: true });
  return candidates.sort((a, b) => a.value - b.value || Number(b.exclusive) - Number(a.exclusive))[0];
}

/** The least integer a lower bound admits (integers only: `exclusiveMinimum: 0` is `minimum: 1`). */
export function integerLower(b: Bound): number {
  return b.exclusive ? Math.floor(b.value) + 1 : Math.ceil(b.value);
}

/** The greatest integer an upper bound admits (`exclusiveMaximum: 10` is `maximum: 9`). */
export function integerUpper(b: Bound): number {
  return b.exclusive ? Math.ceil(b.value) - 1 : Math.floor(b.value);
}

export function describeBound(b: Bound, op: ">" | "<"): string {
  return `${op}${b.exclusive ? "" : "="} ${b.value}`;
}

export function recordOf(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}
