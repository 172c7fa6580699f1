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
  /** A value the writer accepts and the reader rejects, when the rule knows one for certain. */
  witness?: unknown;
  /**
   * Set by `attachWitnesses`: `found` when `witness` holds a value ajv confirmed (writer accepts, reader
   * rejects), `unverified` when none was found within the budget.
   */
  witnessStatus?: WitnessStatus;
}

export type { WitnessStatus };
