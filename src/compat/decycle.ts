// The parser's resolved schemas are object graphs: a recursive schema points back at itself. The
// engine compares JSON, so a cycle becomes a local `$ref` to the ancestor it points to (which the
// engine follows co-inductively); shared but acyclic subtrees are simply repeated.
import { appendPointer } from "../model/pointer.js";

const cache = new WeakMap<object, unknown>();

export function decycle(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object") return schema;
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  const onPath = new Map<object, string>();
  const walk = (node: unknown, pointer: string): unknown => {
    if (node === null || typeof node !== "object") return node;
    const ancestor = onPath.get(node);
    if (ancestor !== undefined) return { $ref: `#${ancestor}` };
    onPath.set(node, pointer);
    const out: unknown = Array.isArray(node)
      ? node.map((v, i) => walk(v, appendPointer(pointer, i)))
      : Object.fromEntries(
          Object.entries(node as Record<string, unknown>).map(([k, v]) => [
            k,
            walk(v, appendPointer(pointer, k)),
          ]),
        );
    onPath.delete(node);
    return out;
  };
  const result = walk(schema, "");
  cache.set(schema, result);
  return result;
}
