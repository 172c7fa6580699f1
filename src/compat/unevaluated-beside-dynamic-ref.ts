import { getAtPointer } from "../schema/pointer.js";
import { isObject, refPointer } from "./schema-walk.js";

/** Keywords whose subschemas apply to the same instance: what unevaluated* sees as "evaluated". */
const IN_PLACE_ONE = ["not", "if", "then", "else"] as const;
const IN_PLACE_MANY = ["allOf", "anyOf", "oneOf"] as const;
/** Applicators whose outcome decides at run time which subschemas evaluated the instance. */
const DYNAMIC = new Set(["anyOf", "oneOf", "if", "then", "else", "not", "dependentSchemas"]);

/**
 * Whether some schema object reachable from `start` has `unevaluatedProperties`/`unevaluatedItems`
 * while one of its in-place subschemas (through `allOf`, `$ref`, …) holds a `$ref` under an
 * `anyOf`/`oneOf`/conditional/`dependentSchemas`. ajv tracks the evaluated names of such a schema in an
 * object that the failing branch leaves undefined, and its validator then throws a TypeError while it
 * records a `patternProperties` match: a message the schema ought to accept crashes the consumer, so
 * no verdict about that schema is sound.
 */
export function unevaluatedBesideDynamicRef(root: unknown, start: unknown): boolean {
  const seen = new WeakSet<object>();
  const todo: unknown[] = [start];
  while (todo.length > 0) {
    const node = todo.pop();
    if (Array.isArray(node)) {
      todo.push(...node);
      continue;
    }
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (("unevaluatedProperties" in node || "unevaluatedItems" in node) && dynamicRefInPlace(root, node))
      return true;
    for (const [key, value] of Object.entries(node)) if (key !== "enum" && key !== "const") todo.push(value);
    const target = targetOf(root, node);
    if (target !== undefined) todo.push(target);
  }
  return false;
}

function targetOf(root: unknown, node: Record<string, unknown>): unknown {
  if (typeof node.$ref !== "string") return undefined;
  const pointer = refPointer(root, node.$ref);
  return pointer === undefined ? undefined : getAtPointer(root, pointer);
}

/** A `$ref` under a run-time-decided applicator, among the subschemas that apply to `node`'s instance. */
function dynamicRefInPlace(root: unknown, node: Record<string, unknown>): boolean {
  const seen = new WeakSet<object>();
  const todo: [unknown, boolean][] = [[node, false]];
  while (todo.length > 0) {
    const [s, dynamic] = todo.pop()!;
    if (!isObject(s) || seen.has(s)) continue;
    seen.add(s);
    if (dynamic && typeof s.$ref === "string") return true;
    const target = targetOf(root, s);
    if (target !== undefined) todo.push([target, dynamic]);
    for (const k of IN_PLACE_ONE) if (k in s) todo.push([s[k], dynamic || DYNAMIC.has(k)]);
    for (const k of IN_PLACE_MANY)
      if (Array.isArray(s[k])) for (const b of s[k] as unknown[]) todo.push([b, dynamic || DYNAMIC.has(k)]);
    if (isObject(s.dependentSchemas)) for (const b of Object.values(s.dependentSchemas)) todo.push([b, true]);
  }
  return false;
}
