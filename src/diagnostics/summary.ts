import { atOrAbove, type Diagnostic, type Severity } from "./diagnostic.js";

export interface DiagnosticSummary {
  error: number;
  warn: number;
  info: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): DiagnosticSummary {
  const s: DiagnosticSummary = { error: 0, warn: 0, info: 0 };
  for (const d of diagnostics) s[d.severity]++;
  return s;
}

export function hasFindingsAtOrAbove(diagnostics: readonly Diagnostic[], threshold: Severity): boolean {
  return diagnostics.some((d) => atOrAbove(d.severity, threshold));
}
