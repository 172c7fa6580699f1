import type { ValidateFunction } from "ajv";
import { draftOf } from "../model/ajv.js";
import { compileShared } from "./ajv-pool.js";
import { isObject } from "./schema-walk.js";

const cache = new WeakMap<object, Map<string, ValidateFunction | null>>();

/**
 * Validates `value` against the subschema at `pointer` of `root` (so its local `$ref`s resolve).
 * Returns undefined when ajv cannot compile it: the caller must then not claim anything.
 */
export function validateAt(root: unknown, pointer: string, value: unknown): boolean | undefined {
  if (typeof root === "boolean") return root;
  if (!isObject(root)) return undefined;
  let perRoot = cache.get(root);
  if (!perRoot) {
    perRoot = new Map();
    cache.set(root, perRoot);
  }
  let validate = perRoot.get(pointer);
  if (validate === undefined) {
    try {
      // Format is an annotation unless a profile says otherwise; an unknown one must not fail compilation.
      const copy: Record<string, unknown> = { ...root };
      delete copy.$id;
      delete copy.id;
      delete copy.$schema;
      validate = compileShared(draftOf(root), false, copy, pointer);
    } catch {
      validate = null;
    }
    perRoot.set(pointer, validate);
  }
  return validate === null ? undefined : (validate(value) as boolean);
}
