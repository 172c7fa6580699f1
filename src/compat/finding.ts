import type { WitnessStatus } from "../diagnostics/index.js";

/** One reason a writer's message might be rejected by a reader. */
export interface CompatFinding {
  /** Stable kebab-case id, e.g. `required-added`. */
  ruleId: string;
  message: string;
  /** JSON pointer into the writer's schema (after following `$ref`s). */
  writerPointer: string;
  /** JSON pointer into the reader's schema (after following `$ref`s). */
  readerPointer: string;
  /**
   * A value the writer accepts and the reader rejects. From `isSubset`: the value at this location,
   * when the rule knows one for certain. From `checkCompatibility`: a whole message (the writer's
   * top-level schema, built from its examples when there are some), checked by ajv on both sides;
   * `null` when none was found (`witnessReason` says why).
   */
  witness?: unknown;
  /** JSON pointer into `witness` (a whole message): where the reader's schema rejects it. */
  witnessPointer?: string;
  /** `found` when `witness` holds a message ajv confirmed, `unverified` when none was found. */
  witnessStatus?: WitnessStatus;
  /** Why `witness` is null: the search budget spent, or a schema ajv cannot compile. */
  witnessReason?: string;
}

export type { WitnessStatus };
