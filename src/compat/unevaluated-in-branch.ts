import { getAtPointer } from "../schema/pointer.js";
import { children } from "./schema-check.js";
import { isObject, refPointer } from "./schema-walk.js";

const BRANCH = new Set(["then", "else"]);

/**
 * Whether the schema at `start` (in `root`) reaches `unevaluatedProperties` or `unevaluatedItems`
 * inside the `then`/`else` of a conditional, directly or through `$ref`s. ajv's code that carries
 * evaluated properties out of such a branch can throw at run time (a TypeError on its tracking object
 * when the branch fails beside `patternProperties`), so the values such a schema accepts are not
 * dependable and no verdict about it is sound.
 */
export function unevaluatedInBranch(root: unknown, start: unknown): boolean {
  // Each node is visited at most twice: outside a branch and inside one (a bit each).
  const seen = new WeakMap<object, number>();
  const todo: [unknown, boolean][] = [[start, false]];
  while (todo.length > 0) {
    const [node, inBranch] = todo.pop()!;
    if (!isObject(node)) continue;
    const bit = inBranch ? 2 : 1;
    const visited = seen.get(node) ?? 0;
    if (visited & bit) continue;
    seen.set(node, visited | bit);
    if (inBranch && ("unevaluatedProperties" in node || "unevaluatedItems" in node)) return true;
    for (const [s, keyword] of children(node)) todo.push([s, inBranch || BRANCH.has(keyword)]);
    if (typeof node.$ref === "string") {
      const pointer = refPointer(root, node.$ref);
      if (pointer !== undefined) todo.push([getAtPointer(root, pointer), inBranch]);
    }
  }
  return false;
}
