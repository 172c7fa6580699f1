import { markingBelow, reaches } from "./schema-reach.js";
import { isObject, type SchemaObject } from "./schema-walk.js";

/** Keywords whose subschemas ajv validates without allErrors, whatever the option says. */
const WITHOUT_ALL_ERRORS = new Set(["not", "if"]);

/**
 * Whether the schema at `start` (in `root`) reaches, inside a `not` or an `if` (directly or through
 * `$ref`s), a schema object with `contains` beside a tuple (`prefixItems`, or `items` as an array)
 * holding a subschema that is not simply true. ajv validates such subschemas without allErrors, and
 * there its tuple code skips the keywords after it — `contains` — on an array shorter than the tuple:
 * `{not: {prefixItems: [{minimum: 1}], contains: {}}}` rejects `[]`. The values such a schema accepts
 * are not the ones its keywords say, so no verdict about it is sound.
 */
export function containsBesideTuple(root: unknown, start: unknown): boolean {
  return reaches(
    root,
    start,
    (node, withoutAllErrors) => withoutAllErrors && node.contains !== undefined && hasTuple(node),
    markingBelow(WITHOUT_ALL_ERRORS),
  );
}

function hasTuple(node: SchemaObject): boolean {
  const trivial = (s: unknown) => s === true || (isObject(s) && Object.keys(s).length === 0);
  for (const k of ["prefixItems", "items"]) {
    const tuple = node[k];
    if (Array.isArray(tuple) && !tuple.every(trivial)) return true;
  }
  return false;
}
