import { hasPointer } from "../../schema/pointer.js";

/**
 * Findings must point at something in the document. unevaluated* is compared as additional*, so
 * map those pointers back; otherwise fall back to the nearest existing ancestor.
 */
export function existingPointer(root: unknown, pointer: string): string {
  if (hasPointer(root, pointer)) return pointer;
  for (const [from, to] of [
    ["/additionalProperties", "/unevaluatedProperties"],
    ["/items", "/unevaluatedItems"],
  ] as const) {
    const at = pointer.lastIndexOf(from);
    if (at < 0) continue;
    const candidate = pointer.slice(0, at) + to + pointer.slice(at + from.length);
    if (hasPointer(root, candidate)) return candidate;
  }
  let p = pointer;
  while (p !== "" && !hasPointer(root, p)) p = p.slice(0, p.lastIndexOf("/"));
  return p;
}
