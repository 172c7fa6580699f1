// The parser's resolved schemas are object graphs: a recursive schema points back at itself. JSON
// (and so ajv and the compat engine) needs a tree, so a back-edge becomes a local `$ref` to the
// ancestor it points to; shared but acyclic subtrees are simply repeated, which is what inlining
// meant anyway. One walk serves both uses: `decycle` for the compat engine and codegen (every
// keyword kept), `toAcyclicSchema` (acyclic-schema.ts) for ajv (identity keywords dropped, bounded).
import { appendPointer } from "./pointer.js";

/** Keywords whose value maps names to schemas: the names are data, never keywords to drop. */
const SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "dependencies",
]);
/** Keywords whose value is instance data: copied verbatim, a `"$id"` in an example is just a value. */
const DATA = new Set(["const", "enum", "default", "examples", "example"]);

type Kind = "schema" | "map" | "data";

export interface AcyclicCopyOptions {
  /** Whether a keyword of a schema object is copied; data (enum values, examples) is always copied. */
  keep?: (key: string, value: unknown, atRoot: boolean) => boolean;
  /** The `$ref` text for a back-edge to the ancestor at `pointer`; default `#<pointer>`. */
  refTo?: (pointer: string) => string;
  /** Called once per copied object or array, with its depth; throw to stop the copy. */
  visit?: (depth: number) => void;
}

/** Copies `value`, turning every back-edge to an ancestor into `{ $ref }` (see the file comment). */
export function copyAcyclic(value: unknown, options: AcyclicCopyOptions = {}): unknown {
  const { keep, refTo = (pointer: string) => `#${pointer}`, visit } = options;
  const onPath = new Map<object, string>();
  const copy = (node: unknown, pointer: string, kind: Kind, depth: number): unknown => {
    if (node === null || typeof node !== "object") return node;
    const ancestor = onPath.get(node);
    if (ancestor !== undefined) return { $ref: refTo(ancestor) };
    visit?.(depth);
    onPath.set(node, pointer);
    try {
      if (Array.isArray(node))
        return node.map((item, i) => copy(item, appendPointer(pointer, i), kind, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        if (kind === "schema" && keep !== undefined && !keep(key, child, pointer === "")) continue;
        const childKind: Kind =
          kind === "data"
            ? "data"
            : kind === "map"
              ? "schema"
              : SCHEMA_MAPS.has(key)
                ? "map"
                : DATA.has(key)
                  ? "data"
                  : "schema";
        out[key] = copy(child, appendPointer(pointer, key), childKind, depth + 1);
      }
      return out;
    } finally {
      onPath.delete(node);
    }
  };
  return copy(value, "", "schema", 0);
}

const cache = new WeakMap<object, unknown>();

/** Every keyword kept; memoised per resolved object, since the engine meets the same one many times. */
export function decycle(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object") return schema;
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  const result = copyAcyclic(schema);
  cache.set(schema, result);
  return result;
}
