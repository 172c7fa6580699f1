import { hasUnevaluated, markingBelow, reaches } from "./schema-reach.js";

const BRANCH = new Set(["then", "else"]);

/**
 * Whether the schema at `start` (in `root`) reaches `unevaluatedProperties` or `unevaluatedItems`
 * inside the `then`/`else` of a conditional, directly or through `$ref`s. ajv's code that carries
 * evaluated properties out of such a branch can throw at run time (a TypeError on its tracking object
 * when the branch fails beside `patternProperties`), so the values such a schema accepts are not
 * dependable and no verdict about it is sound.
 */
export function unevaluatedInBranch(root: unknown, start: unknown): boolean {
  return reaches(root, start, (node, inBranch) => inBranch && hasUnevaluated(node), markingBelow(BRANCH));
}
