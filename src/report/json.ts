import type { Diagnostic } from "../diagnostics/index.js";
import type { Report } from "./report.js";

/** The `$id` of schemas/validate-report.schema.json; consumers can pick a validator by it. */
export const JSON_REPORT_SCHEMA_ID = "https://eventline.dev/schemas/validate-report.schema.json";
/** Bumped only for changes that would break a consumer; additions need a schema change too. */
export const JSON_REPORT_VERSION = 1;

export interface JsonDiagnostic {
  ruleId: string;
  severity: Diagnostic["severity"];
  message: string;
  file: string;
  pointer: string;
  line?: number;
  column?: number;
  hint?: string;
  fingerprint: string;
}

export interface JsonReport {
  $schema: typeof JSON_REPORT_SCHEMA_ID;
  version: typeof JSON_REPORT_VERSION;
  tool: { name: "eventline"; version: string };
  command: string;
  documents: string[];
  summary: { error: number; warn: number; info: number };
  diagnostics: JsonDiagnostic[];
}

/**
 * Copies field by field rather than spreading: the key order is part of what makes the output
 * diffable, and anything a producer attaches to a Diagnostic must not leak into a versioned format.
 */
function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    pointer: d.pointer,
    ...(d.line === undefined ? {} : { line: d.line }),
    ...(d.column === undefined ? {} : { column: d.column }),
    ...(d.hint === undefined ? {} : { hint: d.hint }),
    fingerprint: d.fingerprint,
  };
}

/** Builds the object `formatJson` prints; for callers that embed the report (e.g. the catalog). */
export function toJsonReport(report: Report): JsonReport {
  // `root` is left out on purpose: it is machine-specific, and the same commit must give the same bytes.
  return {
    $schema: JSON_REPORT_SCHEMA_ID,
    version: JSON_REPORT_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    command: report.command,
    documents: [...report.documents],
    summary: { error: report.summary.error, warn: report.summary.warn, info: report.summary.info },
    diagnostics: report.diagnostics.map(toJsonDiagnostic),
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
