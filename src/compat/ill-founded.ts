import { getAtPointer } from "../schema/pointer.js";
import { children } from "./schema-check.js";
import { isObject, refPointer, type SchemaObject } from "./schema-walk.js";

/** Keywords that apply their subschemas to the instance itself, not to a value inside it. */
const IN_PLACE = new Set([
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "dependencies",
]);

function target(root: unknown, node: SchemaObject): unknown {
  if (typeof node.$ref !== "string") return undefined;
  const pointer = refPointer(root, node.$ref);
  return pointer === undefined ? undefined : getAtPointer(root, pointer);
}

/** Subschemas of `node` with whether each applies to the instance in place; a `$ref` target is one. */
function* edges(root: unknown, node: SchemaObject): Generator<[unknown, boolean]> {
  for (const [s, keyword] of children(node)) yield [s, IN_PLACE.has(keyword)];
  const t = target(root, node);
  if (t !== undefined) yield [t, true];
}

const known = new WeakMap<object, boolean>();

/**
 * Whether the schema at `start` (in `root`) reaches a subschema that refers back to itself without
 * descending into the instance (`{$ref: "#"}` inside an `anyOf` of the root). ajv validates such a
 * schema by recursing without end (it throws), so nothing can be said about the values it accepts.
 */
export function refersToItself(root: unknown, start: unknown): boolean {
  if (!isObject(start)) return false;
  const cacheable = start === root;
  const hit = cacheable ? known.get(start) : undefined;
  if (hit !== undefined) return hit;
  // Every subschema the start reaches, by any edge.
  const nodes: SchemaObject[] = [];
  const seen = new Set<object>();
  const todo: unknown[] = [start];
  while (todo.length > 0) {
    const n = todo.pop();
    if (!isObject(n) || seen.has(n)) continue;
    seen.add(n);
    nodes.push(n);
    for (const [s] of edges(root, n)) todo.push(s);
  }
  // A cycle of in-place edges among them (iterative depth-first search, three colours).
  const state = new Map<object, 1 | 2>();
  let cyclic = false;
  for (const first of nodes) {
    if (cyclic) break;
    if (state.has(first)) continue;
    const stack: [SchemaObject, Generator<[unknown, boolean]>][] = [[first, edges(root, first)]];
    state.set(first, 1);
    while (stack.length > 0 && !cyclic) {
      const top = stack[stack.length - 1]!;
      const next = top[1].next();
      if (next.done) {
        state.set(top[0], 2);
        stack.pop();
        continue;
      }
      const [s, inPlace] = next.value;
      if (!inPlace || !isObject(s)) continue;
      const seenState = state.get(s);
      if (seenState === 1) cyclic = true;
      else if (seenState === undefined) {
        state.set(s, 1);
        stack.push([s, edges(root, s)]);
      }
    }
  }
  if (cacheable) known.set(start, cyclic);
  return cyclic;
}
