import { compareSchemas } from "./engine/compare-schemas.js";
import type { CompatFinding } from "./finding.js";
import { COMPAT_RULES } from "./registry.js";
import type { CompatProfile, SubsetOptions } from "./subset-options.js";

export type { CompatProfile, SubsetOptions };

/**
 * Is every instance valid under `writer` also valid under `reader`? Returns the reasons it may not
 * be (empty = proven compatible), found by every registered rule. Sound first: where the engine
 * cannot prove inclusion it reports, it never guesses "compatible". Recursive schemas are compared
 * co-inductively. `writerRoot`/`readerRoot`: the documents subschemas live in, for their local `$ref`s.
 */
export function isSubset(
  writer: unknown,
  reader: unknown,
  options: SubsetOptions = {},
  writerRoot?: unknown,
  readerRoot?: unknown,
): CompatFinding[] {
  return compareSchemas(COMPAT_RULES, writer, reader, options, writerRoot, readerRoot);
}
