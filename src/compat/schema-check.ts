import { draftOf } from "../schema/ajv.js";
import { appendPointer } from "../schema/pointer.js";
import { compileCached, forAjv, instance } from "./ajv-pool.js";
import { isObject } from "./schema-walk.js";

/** Why ajv refuses a schema: where (a JSON pointer into it) and ajv's words. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

/**
 * What makes ajv refuse `schema`, as the engine and the runtime compile it (draft-04 boolean bounds
 * and an empty `enum` read as what they mean), or undefined. Checks the meta-schema and every
 * `pattern` and `patternProperties` key (compiled as ajv does, with the `u` flag); `compile` also
 * compiles it, which catches the rest (a local `$ref` to nothing). A remote `$ref` is not a problem
 * here: the engine reports it as `ref-unresolvable`.
 */
export function schemaProblem(schema: unknown, compile: boolean): SchemaProblem | undefined {
  if (typeof schema === "boolean") return undefined;
  if (!isObject(schema)) return { pointer: "", message: "must be an object or a boolean" };
  const draft = draftOf(schema);
  const ajv = instance(draft, true);
  const rewritten = forAjv(schema) as Record<string, unknown>;
  // A meta-schema ajv does not ship (draft-04, 2019-09) would fail for the wrong reason.
  const forMeta =
    typeof rewritten.$schema === "string" && ajv.getSchema(rewritten.$schema) === undefined
      ? { ...rewritten, $schema: undefined }
      : rewritten;
  if (!ajv.validateSchema(forMeta)) {
    const e = ajv.errors?.[0];
    return { pointer: e?.instancePath ?? "", message: e?.message ?? "does not match the meta-schema" };
  }
  const badPattern = patternProblem(rewritten);
  if (badPattern) return badPattern;
  if (!compile) return undefined;
  try {
    compileCached(rewritten, true);
  } catch (error) {
    const missing = (error as { missingRef?: unknown }).missingRef;
    if (typeof missing === "string" && !missing.startsWith("#")) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    return {
      pointer: typeof missing === "string" ? (refPointer(rewritten, missing, "") ?? "") : "",
      message,
    };
  }
  return undefined;
}

/** Keywords whose value is a schema, an array of schemas, or a map of names to schemas. */
const ONE = [
  "additionalProperties",
  "additionalItems",
  "items",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
];
const MANY = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];

/** The subschemas directly inside one schema object, with the keyword that holds each and its key. */
export function* children(node: Record<string, unknown>): Generator<[unknown, string, string | number]> {
  for (const k of ONE) if (isObject(node[k])) yield [node[k], k, ""];
  for (const k of MANY) {
    const v = node[k];
    if (Array.isArray(v)) for (const [i, s] of v.entries()) yield [s, k, i];
  }
  for (const k of MAP) {
    const v = node[k];
    if (isObject(v)) for (const [name, s] of Object.entries(v)) yield [s, k, name];
  }
}

/** The subschemas directly inside one schema object, with their pointers. */
export function* subschemas(node: Record<string, unknown>, pointer: string): Generator<[unknown, string]> {
  for (const [s, k, key] of children(node))
    yield [s, key === "" ? appendPointer(pointer, k) : appendPointer(pointer, k, key)];
}

/**
 * The first `pattern` or `patternProperties` key in `schema` that ajv cannot compile (as a `u`-flag
 * regular expression). Walks object graphs too (the parser's resolved schemas may be cyclic).
 */
export function patternProblem(schema: unknown): SchemaProblem | undefined {
  // A plain walk first (most schemas are fine), the one that builds pointers only to say where.
  return hasInvalidPattern(schema, new Set()) ? invalidPattern(schema, "", new Set()) : undefined;
}

/** How each keyword holds subschemas (the walk reads a node's own keys, usually few). */
const HOLDS = new Map<string, "one" | "many" | "map">([
  ...ONE.map((k) => [k, "one"] as const),
  ...MANY.map((k) => [k, "many"] as const),
  ...MAP.map((k) => [k, "map"] as const),
]);

function hasInvalidPattern(node: unknown, seen: Set<object>): boolean {
  if (!isObject(node) || seen.has(node)) return false;
  seen.add(node);
  for (const k in node) {
    const v = node[k];
    if (k === "pattern") {
      if (typeof v === "string" && compiles(v) !== undefined) return true;
      continue;
    }
    if (k === "patternProperties" && isObject(v))
      for (const p in v) if (compiles(p) !== undefined) return true;
    const holds = HOLDS.get(k);
    if (holds === "one" || (holds === "many" && !Array.isArray(v))) {
      if (hasInvalidPattern(v, seen)) return true;
    } else if (holds === "many") {
      for (const s of v as unknown[]) if (hasInvalidPattern(s, seen)) return true;
    } else if (holds === "map" && isObject(v)) {
      for (const name in v) if (hasInvalidPattern(v[name], seen)) return true;
    }
  }
  return false;
}

const regexErrors = new Map<string, string | undefined>();

/** Why ajv cannot compile `pattern` (it uses the `u` flag), or undefined; remembered per text. */
function compiles(pattern: string): string | undefined {
  if (!regexErrors.has(pattern)) {
    let why: string | undefined;
    try {
      new RegExp(pattern, "u");
    } catch (error) {
      why = error instanceof Error ? error.message : String(error);
    }
    regexErrors.set(pattern, why);
  }
  return regexErrors.get(pattern);
}

function invalidPattern(node: unknown, pointer: string, seen: Set<object>): SchemaProblem | undefined {
  if (!isObject(node) || seen.has(node)) return undefined;
  seen.add(node);
  if (typeof node.pattern === "string") {
    const why = compiles(node.pattern);
    if (why) return { pointer: appendPointer(pointer, "pattern"), message: why };
  }
  if (isObject(node.patternProperties)) {
    for (const p of Object.keys(node.patternProperties)) {
      const why = compiles(p);
      if (why) return { pointer: appendPointer(pointer, "patternProperties", p), message: why };
    }
  }
  for (const [s, keyword, key] of children(node)) {
    if (!isObject(s) || seen.has(s)) continue;
    const at = key === "" ? appendPointer(pointer, keyword) : appendPointer(pointer, keyword, key);
    const found = invalidPattern(s, at, seen);
    if (found) return found;
  }
  return undefined;
}

function refPointer(node: unknown, ref: string, pointer: string): string | undefined {
  if (!isObject(node)) return undefined;
  if (node.$ref === ref) return appendPointer(pointer, "$ref");
  for (const [s, at] of subschemas(node, pointer)) {
    const found = refPointer(s, ref, at);
    if (found !== undefined) return found;
  }
  return undefined;
}
