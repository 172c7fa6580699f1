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

/** An acknowledgement that matched a change (from `.eventline/acknowledged.yaml`). */
export interface AppliedAcknowledgement {
  reason: string;
  expires?: string;
  /** True when `expires` is in the past: the change fails again. */
  expired: boolean;
}

/** One finding of `eventline compat`: a Diagnostic plus what it means for readers. */
export interface CompatChange extends Diagnostic {
  breaking: boolean;
  /** Consumer services (receive operations) that read the affected message, `service/operation`. */
  consumers?: string[];
  witness?: unknown;
  witnessStatus?: string;
  acknowledged?: AppliedAcknowledgement;
  /** `--transitive`: the earliest version (short sha or tag) the change was found against. */
  against?: string;
  /** `--transitive`: the later versions it was found against too, oldest first. */
  alsoAgainst?: string[];
}

/** What was compared and what was found, before formatting. */
export interface CompatResult {
  kind: "schema" | "document" | "catalog" | "git";
  /** `backward`…`none`, or `default` when each message's own mode (else BACKWARD) applied. */
  mode: string;
  /** Absolute base that `CompatChange.file` is relative to. */
  root: string;
  /** Inputs compared, relative to root where possible. */
  documents: string[];
  changes: CompatChange[];
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
