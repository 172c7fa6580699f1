// Object keys and array positions: which subschema governs a key or an item on each side.

import {
  type At,
  acceptsEverything,
  child,
  isObject,
  rejectsEverything,
  type SchemaObject,
} from "../schema-walk.js";
import { recordOf } from "./bounds.js";

/**
 * The writer never sends `key`: a closed model (no pattern, additionalProperties false) that does
 * not declare it, a declaration that accepts no value, or LENIENT and undeclared.
 */
export function neverSends(w: At, ws: SchemaObject, key: string, declaredOnly: boolean): boolean {
  const props = isObject(ws.properties) ? ws.properties : {};
  if (key in props) return rejectsEverything(props[key]);
  if (isObject(ws.patternProperties) && Object.keys(ws.patternProperties).length > 0) return false;
  return declaredOnly || rejectsEverything(additionalAt(w, ws).schema);
}

export function schemaDeps(v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(recordOf(v))) if (!Array.isArray(d)) out[k] = d;
  return out;
}

export function sortedUnion(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** Items by position (`prefixItems`, or draft-07 array `items`) and the schema for the rest. */
export function tupleOf(at: At, s: SchemaObject, confluent: boolean): { prefix: At[]; rest: At } {
  if (Array.isArray(s.prefixItems)) {
    return {
      prefix: s.prefixItems.map((_, i) => child(at, "prefixItems", i)),
      rest: s.items !== undefined ? child(at, "items") : { schema: true, pointer: at.pointer },
    };
  }
  if (Array.isArray(s.items)) {
    return {
      prefix: s.items.map((_, i) => child(at, "items", i)),
      rest:
        s.additionalItems !== undefined
          ? child(at, "additionalItems")
          : { schema: true, pointer: at.pointer },
    };
  }
  // Draft-07 ignores additionalItems without array-form items; Confluent's checker compares it anyway.
  const rest =
    s.items !== undefined
      ? child(at, "items")
      : confluent && s.additionalItems !== undefined
        ? child(at, "additionalItems")
        : { schema: true, pointer: at.pointer };
  return { prefix: [], rest };
}

export function additionalAt(at: At, s: SchemaObject): At {
  return s.additionalProperties !== undefined
    ? child(at, "additionalProperties")
    : { schema: true, pointer: at.pointer };
}

/**
 * Every schema a value under key `name` must match: its `properties` entry and every
 * `patternProperties` entry whose pattern matches the name (patterns apply to declared names too),
 * else `additionalProperties`. Undefined when a pattern is not a regular expression ajv could use.
 */
export function valueSchemas(at: At, s: SchemaObject, name: string): At[] | undefined {
  const out: At[] = [];
  if (isObject(s.properties) && name in s.properties) out.push(child(at, "properties", name));
  if (isObject(s.patternProperties)) {
    for (const p of Object.keys(s.patternProperties)) {
      const re = patternOf(p);
      if (re === undefined) return undefined;
      if (re.test(name)) out.push(child(at, "patternProperties", p));
    }
  }
  return out.length > 0 ? out : [additionalAt(at, s)];
}

/**
 * The writer's schema for the values under key `name`: the conjunction of those that apply, or
 * undefined when `declaredOnly` and nothing declares the key. A pattern that is no regular
 * expression is left out (a wider writer).
 */
export function writerValueSchema(
  at: At,
  s: SchemaObject,
  name: string,
  declaredOnly: boolean,
): At | undefined {
  const all: At[] = [];
  if (isObject(s.properties) && name in s.properties) all.push(child(at, "properties", name));
  if (isObject(s.patternProperties)) {
    for (const p of Object.keys(s.patternProperties))
      if (patternOf(p)?.test(name)) all.push(child(at, "patternProperties", p));
  }
  if (all.length === 0) return declaredOnly ? undefined : additionalAt(at, s);
  if (all.length === 1) return all[0];
  return { schema: { allOf: all.map((a) => a.schema) }, pointer: all[0]!.pointer };
}

const patterns = new Map<string, RegExp | undefined>();

/** A `patternProperties` key as ajv compiles it (unicode), cached; undefined when it is invalid. */
export function patternOf(p: string): RegExp | undefined {
  if (!patterns.has(p)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(p, "u");
    } catch {
      re = undefined;
    }
    patterns.set(p, re);
  }
  return patterns.get(p);
}

/**
 * Two patterns no key can match both of: both anchored (`^`) with literal prefixes neither of which
 * starts the other. Anything else may overlap.
 */
export function disjointPatterns(p: string, q: string): boolean {
  const literal = (s: string): string | undefined => {
    if (!s.startsWith("^")) return undefined;
    const m = /^\^([A-Za-z0-9_\- ]*)/.exec(s);
    // A literal followed by a quantifier does not have to appear as written.
    const prefix = m?.[1] ?? "";
    const next = s[1 + prefix.length];
    return next !== undefined && "?*{".includes(next) ? prefix.slice(0, -1) : prefix;
  };
  const a = literal(p);
  const b = literal(q);
  if (a === undefined || b === undefined) return false;
  return !a.startsWith(b) && !b.startsWith(a);
}

/** The reader closes a content model the writer leaves open: any undeclared key it accepts, none the reader does. */
export function closesContentModel(writerAdditional: At, readerAdditional: At): boolean {
  return acceptsEverything(writerAdditional.schema, true) && rejectsEverything(readerAdditional.schema);
}
