// Numbers, counts and bounds as JSON Schema keywords state them.
import { isObject, type JsonType, type SchemaObject, typesOf } from "../schema-walk.js";

export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export function recordOf(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
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

/** Integers a writer of `type: integer` with both bounds may send, when they are few (each is then checked by ajv). */
export function integerRange(ws: SchemaObject): number[] | undefined {
  if (ws.type !== "integer") return undefined;
  const lo = lower(ws);
  const hi = upper(ws);
  if (!lo || !hi) return undefined;
  const from = integerLower(lo);
  const to = integerUpper(hi);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to - from >= 256) return undefined;
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** The values of a writer whose type has only a few (`null`, `boolean`): each is then checked by ajv. */
export function valuesOfType(ws: SchemaObject): unknown[] | undefined {
  if (ws.type === "null") return [null];
  if (ws.type === "boolean") return [true, false];
  return undefined;
}

/** A schema whose own bounds contradict each other for every type its `type` keyword allows. */
export function acceptsNothing(s: SchemaObject): boolean {
  if (s.type === undefined) return false;
  const types = typesOf(s);
  if (types.size === 0) return false;
  const lo = lower(s);
  const hi = upper(s);
  const dead = (t: JsonType): boolean => {
    switch (t) {
      case "string":
        return (num(s.minLength) ?? 0) > (num(s.maxLength) ?? Number.POSITIVE_INFINITY);
      case "integer":
        return !!lo && !!hi && integerLower(lo) > integerUpper(hi);
      case "number":
        return (
          !!lo && !!hi && (lo.value > hi.value || (lo.value === hi.value && (lo.exclusive || hi.exclusive)))
        );
      case "array":
        return (num(s.minItems) ?? 0) > (num(s.maxItems) ?? Number.POSITIVE_INFINITY);
      case "object": {
        const max = num(s.maxProperties) ?? Number.POSITIVE_INFINITY;
        return (num(s.minProperties) ?? 0) > max || new Set(strings(s.required)).size > max;
      }
      default:
        return false;
    }
  };
  return [...types].every(dead);
}
