import type { Diagnostic } from "../../diagnostics/index.js";
import type { CompatibilityMode } from "../../model/types.js";
import type { CompatProfile } from "../is-subset.js";

/** `--mode` as typed on the command line; upper-cased it is a CompatibilityMode. */
export const CLI_MODES = [
  "backward",
  "forward",
  "full",
  "backward_transitive",
  "forward_transitive",
  "full_transitive",
  "none",
] as const;
export type CliMode = (typeof CLI_MODES)[number];

export function toCompatibilityMode(mode: CliMode): CompatibilityMode {
  return mode.toUpperCase() as CompatibilityMode;
}

/** What was compared and what was found, before formatting. */
export interface CompatResult {
  kind: "schema" | "document" | "catalog" | "git";
  /** `backward`…`none`, or `default` when each message's own mode (else BACKWARD) applied. */
  mode: string;
  /** Absolute base that each change's `file` is relative to. */
  root: string;
  /** Inputs compared, relative to root where possible. */
  documents: string[];
  /** Diagnostics with the compat fields (`breaking`, `witness`, `consumers`, …) set. */
  changes: Diagnostic[];
  /** `--transitive`: the earlier versions compared (short sha or tag), oldest first. */
  versions?: string[];
  /** `--transitive`: versions in the history left out by `--max-versions`. */
  skippedVersions?: number;
}

export interface CompareOptions {
  /** Explicit `--mode`: overrides `x-eventline-compatibility` on documents and messages. */
  mode?: CliMode;
  profile?: CompatProfile;
  lenient?: boolean;
}
