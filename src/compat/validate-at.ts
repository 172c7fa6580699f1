import type { ValidateFunction } from "ajv";
import { draftOf } from "../model/ajv.js";
import { compileShared, schemaKey } from "./ajv-pool.js";
import { isObject } from "./schema-walk.js";

/** Root → the key of its content, so equal schemas of another load share the validators below. */
const keys = new WeakMap<object, string>();
/** `content key \0 pointer` → validator (null: ajv refused it). Bounded, oldest first out. */
const compiled = new Map<string, ValidateFunction | null>();
const MAX_COMPILED = 2000;

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
  const key = `${content}\u0000${pointer}`;
  let validate = compiled.get(key);
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
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, validate);
  }
  return validate === null ? undefined : (validate(value) as boolean);
}
