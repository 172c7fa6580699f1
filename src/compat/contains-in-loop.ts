import { markingBelow, reaches } from "./schema-reach.js";
import { isObject, type SchemaObject } from "./schema-walk.js";

/** Keywords whose subschema ajv applies to many values of one instance in a loop. */
const LOOPS = new Set([
  "items",
  "additionalItems",
  "unevaluatedItems",
  "additionalProperties",
  "patternProperties",
  "unevaluatedProperties",
  "contains",
]);

/**
 * Whether the schema at `start` (in `root`) reaches, below a keyword ajv validates in a loop (`items`,
 * `additionalProperties`, `patternProperties`, … — directly or through `$ref`s), a `contains` that
 * needs one match (no `minContains` above 1, no `maxContains`) of a subschema that is not simply true.
 * ajv's code for that `contains` sets its result only inside its own loop over the array, so an empty
 * array keeps the result of the value before it: `{additionalProperties: {contains: {minimum: 1}}}`
 * accepts `{"a": [5], "b": []}`. The values such a schema accepts are not the ones its keywords say.
 */
export function containsInLoop(root: unknown, start: unknown): boolean {
  return reaches(root, start, (node, inLoop) => inLoop && needsOneMatch(node), markingBelow(LOOPS));
}

function needsOneMatch(node: SchemaObject): boolean {
  const c = node.contains;
  if (c === undefined || c === true || (isObject(c) && Object.keys(c).length === 0)) return false;
  const min = node.minContains;
  return node.maxContains === undefined && (min === undefined || min === 1);
}
