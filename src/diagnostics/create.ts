import type { Diagnostic, Severity } from "./diagnostic.js";
import { fingerprint } from "./fingerprint.js";

export interface DiagnosticInput {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  pointer: string;
  hint?: string;
  line?: number;
  column?: number;
  /** Distinguishes several findings of one rule at one pointer. */
  key?: string;
}

export function createDiagnostic(input: DiagnosticInput): Diagnostic {
  const d: Diagnostic = {
    ruleId: input.ruleId,
    severity: input.severity,
    message: input.message,
    file: input.file,
    pointer: input.pointer,
    fingerprint: fingerprint(input.ruleId, input.file, input.pointer, input.key),
  };
  if (input.line !== undefined) d.line = input.line;
  if (input.column !== undefined) d.column = input.column;
  if (input.hint !== undefined) d.hint = input.hint;
  return d;
}
