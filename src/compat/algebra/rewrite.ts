// Schema objects rewritten into equivalent (or, where said, narrower) ones the comparison reads more easily.
import { ANNOTATIONS, type At, child, deref, isObject, type SchemaObject } from "../schema-walk.js";

/** Keywords that evaluate properties or items of the instance in place (for unevaluated*). */
export const APPLICATORS = [
  "allOf",
  "anyOf",
  "oneOf",
  "if",
  "then",
  "else",
  "$ref",
  "dependentSchemas",
  "dependencies",
  "not",
];

export function without(s: SchemaObject, ...keys: string[]): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) if (!keys.includes(k)) out[k] = v;
  return out;
}

export function stripAnnotations(s: SchemaObject): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) if (!ANNOTATIONS.has(k) && !k.startsWith("x-")) out[k] = v;
  return out;
}

/**
 * Without applicators, `unevaluatedProperties`/`unevaluatedItems` mean exactly
 * `additionalProperties`/the items after `prefixItems`; rewrite them so one comparison covers both.
 * (`contains` evaluates the items it matches, so it keeps unevaluatedItems as it is.)
 */
export function evaluatedAsAdditional(s: SchemaObject): SchemaObject {
  if (APPLICATORS.some((k) => k in s)) return s;
  let out = s;
  if (s.unevaluatedProperties !== undefined && s.additionalProperties === undefined) {
    out = { ...without(out, "unevaluatedProperties"), additionalProperties: s.unevaluatedProperties };
  }
  if (
    s.unevaluatedItems !== undefined &&
    s.items === undefined &&
    s.additionalItems === undefined &&
    s.contains === undefined
  ) {
    out = { ...without(out, "unevaluatedItems"), items: s.unevaluatedItems };
  }
  return out;
}

/**
 * The reader without its `allOf`, its members' values having been compared: when beside it an
 * `unevaluatedProperties` decides the keys no member evaluates, those keys are known exactly if every
 * member is a plain object schema (`properties`/`patternProperties`, no applicator of its own), and the
 * rest becomes an `additionalProperties` beside them (each such key's value accepting anything: the
 * member compared it). Otherwise the rest as is (a narrower reader: sound).
 */
export function evaluatedByAllOf(r: At, rs: SchemaObject, root: unknown): SchemaObject {
  const rest = without(rs, "allOf");
  if (rs.additionalProperties !== undefined) return rest;
  if (rs.unevaluatedProperties === undefined || APPLICATORS.some((k) => k !== "allOf" && k in rs))
    return rest;
  const properties: SchemaObject = { ...(isObject(rs.properties) ? rs.properties : {}) };
  const patternProperties: SchemaObject = { ...(isObject(rs.patternProperties) ? rs.patternProperties : {}) };
  for (let i = 0; i < (rs.allOf as unknown[]).length; i++) {
    const m = deref(root, child(r, "allOf", i));
    if (m.unresolved || !isObject(m.schema)) return rest;
    const member = m.schema;
    // A member with applicators or its own additional*/unevaluated* evaluates keys by instance.
    if (APPLICATORS.some((k) => k in member)) return rest;
    if (member.additionalProperties !== undefined || member.unevaluatedProperties !== undefined) return rest;
    for (const k of Object.keys(isObject(member.properties) ? member.properties : {})) properties[k] ??= {};
    for (const k of Object.keys(isObject(member.patternProperties) ? member.patternProperties : {}))
      patternProperties[k] ??= {};
  }
  const out: SchemaObject = {
    ...without(rest, "unevaluatedProperties"),
    additionalProperties: rs.unevaluatedProperties,
  };
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (Object.keys(patternProperties).length > 0) out.patternProperties = patternProperties;
  return out;
}
