import { atOrAbove, type Diagnostic, type Severity } from "../../diagnostics/index.js";

/** A change counts against the build unless an unexpired acknowledgement covers it. */
export function counts(c: Diagnostic): boolean {
  return c.acknowledged === undefined || c.acknowledged.expired;
}

/** No breaking change left once acknowledgements are applied. */
export function isCompatible(changes: readonly Diagnostic[]): boolean {
  return !changes.some((c) => c.breaking === true && counts(c));
}

/** Exit 1 when an unacknowledged change is at or above `failOn`. */
export function fails(changes: readonly Diagnostic[], failOn: Severity): boolean {
  return changes.some((c) => counts(c) && atOrAbove(c.severity, failOn));
}
