import { hasUnevaluated, inPlace, reaches } from "./schema-reach.js";

/** Keywords whose subschemas may fail while the schema holding them passes. */
const CHOICE = new Set(["anyOf", "oneOf", "then", "else"]);

/**
 * Whether some schema object reachable from `start` (in `root`) has `patternProperties` while one of
 * its in-place subschemas (through `allOf`, `$ref`, conditionals, …) holds `unevaluatedProperties` or
 * `unevaluatedItems` under an `anyOf`/`oneOf` branch (or a `then`/`else`). ajv carries the names that
 * branch evaluated out to the parent in an object a failing branch leaves undefined, and the parent's
 * `patternProperties` then throws a TypeError recording a match: a message the schema ought to accept
 * crashes the consumer, so no verdict about that schema is sound.
 */
export function unevaluatedUnderChoice(root: unknown, start: unknown): boolean {
  const underChoice = (node: object) =>
    reaches(root, node, (s, inChoice) => inChoice && hasUnevaluated(s), inPlace(CHOICE));
  return reaches(root, start, (node) => node.patternProperties !== undefined && underChoice(node));
}
