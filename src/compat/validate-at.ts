import { getAtPointer } from "../schema/pointer.js";
import { compileCached, forAjv, schemaKey } from "./ajv-pool.js";
import { type At, isObject } from "./schema-walk.js";

/** Root → the key of its content (hashed once per root object, not per call). */
const keys = new WeakMap<object, string>();

function keyOf(schema: object): string {
  let content = keys.get(schema);
  if (content === undefined) {
    content = schemaKey(schema);
    keys.set(schema, content);
  }
  return content;
}

/**
 * Validates `value` against the subschema at `pointer` of `root` (so its local `$ref`s resolve).
 * Returns undefined when ajv cannot compile it: the caller must then not claim anything.
 */
export function validateAt(root: unknown, pointer: string, value: unknown): boolean | undefined {
  if (typeof root === "boolean") return root;
  if (!isObject(root)) return undefined;
  try {
    // Format is an annotation unless a profile says otherwise; an unknown one must not fail compilation.
    return compileCached(root, false, pointer, keyOf(root))(value) as boolean;
  } catch {
    return undefined;
  }
}

/** Where a schema built by the engine (a merge, a conjunction) is put inside its root to be compiled. */
const SUBJECT = "x-eventline-subject";

/** Roots as ajv compiles them (draft-04 boolean bounds and empty enums rewritten), by root object. */
const compilable = new WeakMap<object, Record<string, unknown>>();

/**
 * Validates `value` against `at.schema` exactly as ajv does at runtime, with `at.schema`'s local
 * `$ref`s resolved in `root`. `at.schema` is the whole subschema at its place — often one the engine
 * built (a `$ref` target with its siblings, a branch with the keywords beside it) that is written
 * nowhere: it is then compiled inside a copy of `root`. Undefined when ajv cannot compile it.
 */
export function validateSubschema(
  root: unknown,
  at: At,
  value: unknown,
  validateFormats: boolean,
): boolean | undefined {
  const schema = at.schema;
  if (schema === undefined || typeof schema === "boolean") return schema ?? true;
  if (!isObject(schema)) return undefined;
  const base = isObject(root) ? root : {};
  let rewritten = compilable.get(base);
  if (rewritten === undefined) {
    rewritten = forAjv(base) as Record<string, unknown>;
    compilable.set(base, rewritten);
  }
  // Keyed apart from validateAt's entries, which compile the root as written.
  const rootKey = `${keyOf(base)}\u0000ajv`;
  try {
    if (getAtPointer(base, at.pointer) === schema)
      return compileCached(rewritten, validateFormats, at.pointer, rootKey)(value) as boolean;
    const wrapper = { ...rewritten, [SUBJECT]: forAjv(schema) };
    const key = `${rootKey}\u0000${keyOf(schema)}`;
    return compileCached(wrapper, validateFormats, `/${SUBJECT}`, key)(value) as boolean;
  } catch {
    return undefined;
  }
}
