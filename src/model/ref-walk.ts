import { parsePointer, toPointer } from "../schema/pointer.js";
import { classifyRef } from "./ref-kind.js";
import type { SourceFile } from "./source-file.js";

/** A value together with where it physically lives. */
export interface Located {
  file: SourceFile;
  pointer: string;
  value: unknown;
}

export type FileLookup = (path: string) => SourceFile | undefined;

const MAX_HOPS = 64;

/**
 * Shared across the mutual recursion of followRefs and resolvePointer, so a cycle that runs through
 * a pointer into a `$ref` (`a → #/x/y`, `x → a`) exhausts it instead of the stack.
 */
interface Budget {
  left: number;
}
const newBudget = (): Budget => ({ left: 256 });

export function isRefObject(value: unknown): value is { $ref: string } {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    typeof (value as { $ref?: unknown }).$ref === "string"
  );
}

/**
 * Follows `$ref` chains starting at a node, across files. Returns the first node that is not a
 * reference, or undefined when a hop leaves the loaded files, misses its target or loops.
 */
export function followRefs(
  start: Located,
  lookup: FileLookup,
  budget: Budget = newBudget(),
): Located | undefined {
  let current = start;
  const seen = new Set<string>();
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    if (--budget.left < 0) return undefined;
    if (!isRefObject(current.value)) return current;
    const key = `${current.file.path}#${current.pointer}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const kind = classifyRef(current.value.$ref, current.file.path);
    if (kind.kind !== "file") return undefined;
    const file = lookup(kind.path);
    if (!file) return undefined;
    const next = resolvePointer(file, kind.pointer, lookup, budget);
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}

/**
 * Resolves a pointer inside `file`, following references met on the way
 * (`#/components/messages/A/payload/properties` where `payload` is itself a `$ref`).
 */
export function resolvePointer(
  file: SourceFile,
  pointer: string,
  lookup: FileLookup,
  budget: Budget = newBudget(),
): Located | undefined {
  const segments = parsePointer(pointer);
  if (!segments || --budget.left < 0) return undefined;
  let here: Located = { file, pointer: "", value: file.value };
  const walked: string[] = [];
  for (const segment of segments) {
    let node = here.value;
    if (isRefObject(node) && !Object.hasOwn(node, segment)) {
      const target = followRefs(here, lookup, budget);
      if (!target) return undefined;
      here = target;
      walked.length = 0;
      walked.push(...(parsePointer(target.pointer) ?? []));
      node = target.value;
    }
    let child: unknown;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      child = node[Number(segment)];
      if (Number(segment) >= node.length) return undefined;
    } else if (node !== null && typeof node === "object" && Object.hasOwn(node, segment)) {
      child = (node as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
    walked.push(segment);
    here = { file: here.file, pointer: toPointer(walked), value: child };
  }
  return here;
}

/** Resolves a child of a located node, following the node's own reference first. */
export function child(
  parent: Located,
  lookup: FileLookup,
  ...segments: (string | number)[]
): Located | undefined {
  const base = followRefs(parent, lookup) ?? parent;
  const rest = toPointer(segments);
  const resolved = resolvePointer(base.file, base.pointer + rest, lookup);
  return resolved ? (followRefs(resolved, lookup) ?? resolved) : undefined;
}
