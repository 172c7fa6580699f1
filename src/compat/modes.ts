import type { CompatibilityMode } from "../model/types.js";
import type { CompatFinding } from "./finding.js";
import { isSubset, type SubsetOptions } from "./is-subset.js";

export interface DirectedFinding extends CompatFinding {
  /** Which check found it: BACKWARD = the new schema reading old data, FORWARD = the old reading new. */
  direction: "BACKWARD" | "FORWARD";
  /** Index into the version list of the earlier schema compared (transitive modes compare several). */
  against: number;
}

/**
 * Confluent-style modes, as composition of one primitive: BACKWARD checks that the latest schema
 * reads what earlier ones wrote, FORWARD the reverse, FULL both; *_TRANSITIVE against every earlier
 * version instead of only the previous one. `versions` is oldest first; the last is the candidate.
 */
export function checkCompatibility(
  versions: readonly unknown[],
  mode: CompatibilityMode,
  options: SubsetOptions = {},
  /** When each version is a subschema: the document it lives in, for its local `$ref`s (parallel to versions). */
  roots?: readonly unknown[],
): DirectedFinding[] {
  if (mode === "NONE" || versions.length < 2) return [];
  const rootOf = (i: number) => roots?.[i];
  const last = versions.length - 1;
  const latest = versions[versions.length - 1];
  const transitive = mode.endsWith("_TRANSITIVE");
  const earlier = transitive
    ? versions.slice(0, -1).map((v, i) => [v, i] as const)
    : [[versions[versions.length - 2], versions.length - 2] as const];
  const backward = mode.startsWith("BACKWARD") || mode.startsWith("FULL");
  const forward = mode.startsWith("FORWARD") || mode.startsWith("FULL");
  const out: DirectedFinding[] = [];
  for (const [old, index] of earlier) {
    if (backward)
      for (const f of isSubset(old, latest, options, rootOf(index), rootOf(last)))
        out.push({ ...f, direction: "BACKWARD", against: index });
    if (forward)
      for (const f of isSubset(latest, old, options, rootOf(last), rootOf(index)))
        out.push({ ...f, direction: "FORWARD", against: index });
  }
  return out;
}
