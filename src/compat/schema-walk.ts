import { appendPointer, fragmentToPointer, getAtPointer } from "../schema/pointer.js";

/** A subschema and where it sits in its root document. */
export interface At {
  schema: unknown;
  pointer: string;
}

export type SchemaObject = Record<string, unknown>;

const MAX_HOPS = 32;

/**
 * Follows local `$ref`s (`#/definitions/x`, `#/$defs/x`, `#`). A ref that cannot be followed is kept
 * as written; the comparison then treats the node as unknown.
 */
export function deref(root: unknown, at: At): At & { unresolved?: string } {
  let current = at;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const s = current.schema;
    if (!isObject(s) || typeof s.$ref !== "string") return current;
    const ref = s.$ref;
    const pointer = refPointer(root, ref);
    const target = pointer === undefined ? undefined : getAtPointer(root, pointer);
    if (pointer === undefined || target === undefined) return { ...current, unresolved: ref };
    // Siblings of $ref apply as well as the target (ajv applies both, in every draft): a conjunction,
    // which the engine merges (writer) or checks member by member (reader). A sibling never replaces
    // the target's keyword of the same name.
    const siblings = Object.keys(s).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k) && !k.startsWith("x-"));
    if (siblings.length > 0) {
      const own: SchemaObject = {};
      for (const k of siblings) own[k] = s[k];
      return { schema: { allOf: [{ $ref: ref }, own] }, pointer: current.pointer };
    }
    current = { schema: target, pointer };
  }
  return { ...current, unresolved: String((current.schema as SchemaObject).$ref) };
}

/** Where a local `$ref` points in `root`, or undefined (remote, or not a pointer or anchor there). */
export function refPointer(root: unknown, ref: string): string | undefined {
  if (!ref.startsWith("#")) return undefined;
  // `#Address`: a plain-name fragment names a subschema by `$id` (draft-07) or `$anchor` (2019-09+).
  return ref.startsWith("#/") || ref === "#"
    ? fragmentToPointer(ref.slice(1))
    : findAnchor(root, ref.slice(1));
}

function findAnchor(root: unknown, name: string): string | undefined {
  const stack: [unknown, string][] = [[root, ""]];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (
      node.$anchor === name ||
      node.$id === `#${name}` ||
      (typeof node.$id === "string" && node.$id.endsWith(`#${name}`))
    ) {
      return pointer;
    }
    for (const [k, v] of Object.entries(node)) {
      if (isObject(v)) stack.push([v, appendPointer(pointer, k)]);
      else if (Array.isArray(v)) {
        for (const [i, item] of v.entries()) stack.push([item, appendPointer(pointer, k, i)]);
      }
    }
  }
  return undefined;
}

/**
 * Canonical text of a schema for identity checks: annotations dropped, set-like arrays sorted, so a
 * reordered `required`, `enum` or `oneOf` is the same schema.
 */
export function normalForm(schema: unknown): string {
  if (Array.isArray(schema)) return `[${schema.map(normalForm).join(",")}]`;
  if (!isObject(schema)) return canonical(schema);
  const keys = Object.keys(schema)
    .filter((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"))
    .sort();
  return `{${keys
    .map((k) => {
      const v = schema[k];
      const text =
        SET_LIKE.has(k) && Array.isArray(v)
          ? `[${v
              .map(k === "enum" ? canonical : normalForm)
              .sort()
              .join(",")}]`
          : normalForm(v);
      return `${JSON.stringify(k)}:${text}`;
    })
    .join(",")}}`;
}

const SET_LIKE = new Set(["required", "enum", "type", "anyOf", "oneOf", "allOf"]);

/** True when the schema has no `$ref` anywhere (so its meaning does not depend on its root). */
export function selfContained(schema: unknown): boolean {
  return !JSON.stringify(schema ?? null).includes('"$ref"');
}

export function isObject(value: unknown): value is SchemaObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function child(at: At, ...segments: (string | number)[]): At {
  let schema: unknown = at.schema;
  for (const s of segments)
    schema = isObject(schema) || Array.isArray(schema) ? (schema as never)[s] : undefined;
  return { schema, pointer: appendPointer(at.pointer, ...segments) };
}

/** Keywords that never change which instances are valid. */
export const ANNOTATIONS = new Set([
  "title",
  "description",
  "examples",
  "example",
  "default",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$schema",
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "definitions",
  "$defs",
  "contentMediaType",
  "contentEncoding",
  "discriminator",
  "externalDocs",
  "xml",
]);

/** True for `true`, `{}` and schemas with only annotations (and, in the default profile, `format`). */
export function acceptsEverything(schema: unknown, ignoreFormat: boolean): boolean {
  if (schema === true || schema === undefined) return true;
  if (!isObject(schema)) return false;
  return Object.keys(schema).every(
    (k) => ANNOTATIONS.has(k) || k.startsWith("x-") || (ignoreFormat && k === "format"),
  );
}

export function rejectsEverything(schema: unknown): boolean {
  if (schema === false) return true;
  return isObject(schema) && isObject(schema.not) && Object.keys(schema.not).length === 0;
}

export const ALL_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"] as const;
export type JsonType = (typeof ALL_TYPES)[number];

/** The instance types a schema allows by its `type` keyword alone (all when absent). */
export function typesOf(schema: SchemaObject): Set<JsonType> {
  const t = schema.type;
  const list = typeof t === "string" ? [t] : Array.isArray(t) ? t : undefined;
  if (!list) return new Set(ALL_TYPES);
  const out = new Set<JsonType>();
  for (const x of list) if ((ALL_TYPES as readonly unknown[]).includes(x)) out.add(x as JsonType);
  // "number" includes the integers.
  if (out.has("number")) out.add("integer");
  return out;
}

/** Stable JSON for comparing values (object keys sorted). */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** The finite set of values a schema allows via `const`/`enum`, if it has one. */
export function finiteValues(schema: SchemaObject): unknown[] | undefined {
  if ("const" in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  return undefined;
}
