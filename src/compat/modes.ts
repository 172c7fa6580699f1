import type { CompatibilityMode } from "../model/types.js";
import { decycle } from "../schema/decycle.js";
import type { CompatFinding } from "./finding.js";
import { isSubset, type SubsetOptions } from "./is-subset.js";
import { cachedMessageWitness, witnessFields } from "./message-witness.js";

export interface DirectedFinding extends CompatFinding {
  /** Which check found it: BACKWARD = the new schema reading old data, FORWARD = the old reading new. */
  direction: "BACKWARD" | "FORWARD";
  /** Index into the version list of the earlier schema compared (transitive modes compare several). */
  against: number;
}

/** How `checkCompatibility` looks for a whole-message witness of each break. */
export interface WitnessSearch {
  /** Search at all (default true; whole schemas only: subschemas given with `roots` are not messages). */
  enabled?: boolean;
  /** Each version's documented messages (`examples`), parallel to the versions: witnesses start from them. */
  examples?: readonly (readonly unknown[] | undefined)[];
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
  witnesses: WitnessSearch = {},
): DirectedFinding[] {
  if (mode === "NONE" || versions.length < 2) return [];
  const rootOf = (i: number) => roots?.[i];
  const last = versions.length - 1;
  const transitive = mode.endsWith("_TRANSITIVE");
  const earlier = transitive ? versions.slice(0, -1).map((_, i) => i) : [last - 1];
  const backward = mode.startsWith("BACKWARD") || mode.startsWith("FULL");
  const forward = mode.startsWith("FORWARD") || mode.startsWith("FULL");
  const search = witnesses.enabled !== false && roots === undefined;
  const formats = options.compareFormat ?? options.profile !== "confluent";
  const out: DirectedFinding[] = [];
  // Every finding of one writer/reader pair carries the pair's witness: the message breaks the pair
  // as a whole, not necessarily through that finding's location.
  const directed = (w: number, r: number, direction: DirectedFinding["direction"], against: number) => {
    const [writer, reader] = [versions[w], versions[r]];
    const findings = isSubset(writer, reader, options, rootOf(w), rootOf(r));
    if (findings.length === 0) return;
    const evidence = search
      ? witnessFields(
          cachedMessageWitness(decycle(writer), decycle(reader), witnesses.examples?.[w], formats),
        )
      : {};
    for (const f of findings) out.push({ ...f, ...evidence, direction, against });
  };
  for (const index of earlier) {
    if (backward) directed(index, last, "BACKWARD", index);
    if (forward) directed(last, index, "FORWARD", index);
  }
  return out;
}
