import { hasUnevaluated, inPlace, reaches } from "./schema-reach.js";

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
  const dynamicRefInPlace = (node: object) =>
    reaches(root, node, (s, dynamic) => dynamic && typeof s.$ref === "string", inPlace(DYNAMIC));
  return reaches(root, start, (node) => hasUnevaluated(node) && dynamicRefInPlace(node));
}
