import type { Severity } from "../diagnostics/index.js";
import type { CompatibilityMode } from "../model/types.js";

/** A compatibility mode without its `_TRANSITIVE` suffix: how much is checked, not against what. */
export type ModeFamily = "BACKWARD" | "FORWARD" | "FULL" | "NONE";

/** A rule's severity in each mode family: part of every rule's metadata. */
export type ModeSeverities = Readonly<Record<ModeFamily, Severity>>;

export function familyOf(mode: CompatibilityMode): ModeFamily {
  return mode.replace(/_TRANSITIVE$/, "") as ModeFamily;
}

/**
 * `severity` wherever compatibility is checked; `info` under NONE, where changes are reported and
 * nothing fails (a message or document marked `x-eventline-compatibility: none` is still evolving).
 */
export function whenChecked(severity: Severity): ModeSeverities {
  return { BACKWARD: severity, FORWARD: severity, FULL: severity, NONE: "info" };
}

/** The same severity in every mode, NONE included: for changes that are reported, never judged. */
export function always(severity: Severity): ModeSeverities {
  return { BACKWARD: severity, FORWARD: severity, FULL: severity, NONE: severity };
}
