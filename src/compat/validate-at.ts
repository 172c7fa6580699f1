import { compileCached, schemaKey } from "./ajv-pool.js";
import { isObject } from "./schema-walk.js";

/** Root → the key of its content (hashed once per root object, not per call). */
const keys = new WeakMap<object, string>();

/**
 * Validates `value` against the subschema at `pointer` of `root` (so its local `$ref`s resolve).
 * Returns undefined when ajv cannot compile it: the caller must then not claim anything.
 */
export function validateAt(root: unknown, pointer: string, value: unknown): boolean | undefined {
  if (typeof root === "boolean") return root;
  if (!isObject(root)) return undefined;
  let content = keys.get(root);
  if (content === undefined) {
    content = schemaKey(root);
    keys.set(root, content);
  }
  try {
    // Format is an annotation unless a profile says otherwise; an unknown one must not fail compilation.
    return compileCached(root, false, pointer, content)(value) as boolean;
  } catch {
    return undefined;
  }
}
