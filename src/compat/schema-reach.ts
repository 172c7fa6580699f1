import { getAtPointer } from "../schema/pointer.js";
import { APPLICATORS } from "./algebra/rewrite.js";
import { children } from "./schema-check.js";
import { isObject, refPointer, type SchemaObject } from "./schema-walk.js";

/**
 * How a walk goes on from a schema object into the subschema under `keyword` (`"$ref"` for the target
 * of a local reference), given the mark it carries: the child's mark, or undefined to stay out.
 */
export type Step = (keyword: string, marked: boolean) => boolean | undefined;

/** Into every subschema and reference target, keeping the mark as it is. */
export const everywhere: Step = (_keyword, marked) => marked;

/**
 * Whether a walk from `start` (in `root`) through subschemas and local `$ref` targets, as `step`
 * allows, meets a schema object for which `found(node, marked)` holds. A mark (set by `step`, say on
 * entering a `not`) says how the walk got there; each object is visited at most once per mark, so
 * recursive schemas end.
 */
export function reaches(
  root: unknown,
  start: unknown,
  found: (node: SchemaObject, marked: boolean) => boolean,
  step: Step = everywhere,
): boolean {
  const seen = new WeakMap<object, number>();
  const todo: [unknown, boolean][] = [[start, false]];
  while (todo.length > 0) {
    const [node, marked] = todo.pop()!;
    if (!isObject(node)) continue;
    const bit = marked ? 2 : 1;
    const visited = seen.get(node) ?? 0;
    if (visited & bit) continue;
    seen.set(node, visited | bit);
    if (found(node, marked)) return true;
    for (const [s, keyword] of children(node)) {
      const next = step(keyword, marked);
      if (next !== undefined) todo.push([s, next]);
    }
    if (typeof node.$ref === "string") {
      const next = step("$ref", marked);
      const pointer = refPointer(root, node.$ref);
      if (next !== undefined && pointer !== undefined) todo.push([getAtPointer(root, pointer), next]);
    }
  }
  return false;
}

/** Keywords whose subschemas apply to the same instance as the schema that holds them. */
const IN_PLACE: ReadonlySet<string> = new Set(APPLICATORS);

/** A step that stays on the instance (in-place keywords only), marking on entering any of `marking`. */
export function inPlace(marking: ReadonlySet<string>): Step {
  return (keyword, marked) => (IN_PLACE.has(keyword) ? marked || marking.has(keyword) : undefined);
}

/** A step into every subschema, marking on entering any of `marking` (and keeping the mark below). */
export function markingBelow(marking: ReadonlySet<string>): Step {
  return (keyword, marked) => marked || marking.has(keyword);
}

/** Whether a schema object has `unevaluatedProperties` or `unevaluatedItems`. */
export function hasUnevaluated(node: SchemaObject): boolean {
  return "unevaluatedProperties" in node || "unevaluatedItems" in node;
}
