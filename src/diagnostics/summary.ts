import { atOrAbove, type Diagnostic, type Severity } from "./diagnostic.js";

/** How many findings a report holds per severity. */
export interface DiagnosticSummary {
  error: number;
  warn: number;
  info: number;
}

/** Counts the findings per severity. */
export function summarize(diagnostics: readonly Diagnostic[]): DiagnosticSummary {
  const s: DiagnosticSummary = { error: 0, warn: 0, info: 0 };
  for (const d of diagnostics) s[d.severity]++;
  return s;
}

/** Whether a finding is at or above `threshold`: the CLI's exit 1 for `--fail-on`. */
export function hasFindingsAtOrAbove(diagnostics: readonly Diagnostic[], threshold: Severity): boolean {
  return diagnostics.some((d) => atOrAbove(d.severity, threshold));
}
