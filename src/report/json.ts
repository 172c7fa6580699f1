import type { Diagnostic } from "../diagnostics/index.js";
import type { CompatVerdict, Report } from "./report.js";

/** The `$id` of schemas/report.schema.json; consumers can pick a validator by it. */
export const JSON_REPORT_SCHEMA_ID = "https://eventline.dev/schemas/report.schema.json";
/**
 * Bumped only for changes that would break a consumer; additions need a schema change too.
 * Version 2 made `validate` and `compat` write one format (compat's `changes` became `diagnostics`).
 */
export const JSON_REPORT_VERSION = 2;

export interface JsonReport extends Partial<CompatVerdict> {
  $schema: typeof JSON_REPORT_SCHEMA_ID;
  version: typeof JSON_REPORT_VERSION;
  tool: { name: "eventline"; version: string };
  command: string;
  documents: string[];
  summary: { error: number; warn: number; info: number };
  diagnostics: Diagnostic[];
}

/**
 * Copies field by field rather than spreading: the key order is part of what makes the output
 * diffable, and anything a producer attaches to a Diagnostic must not leak into a versioned format.
 */
function toJsonDiagnostic(d: Diagnostic): Diagnostic {
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
    ...(d.breaking === undefined ? {} : { breaking: d.breaking }),
    ...(d.witness === undefined ? {} : { witness: d.witness }),
    ...(d.witnessPointer === undefined ? {} : { witnessPointer: d.witnessPointer }),
    ...(d.witnessStatus === undefined ? {} : { witnessStatus: d.witnessStatus }),
    ...(d.witnessReason === undefined ? {} : { witnessReason: d.witnessReason }),
    ...(d.consumers === undefined
      ? {}
      : {
          consumers: d.consumers.map((k) => ({
            serviceId: k.serviceId,
            operationId: k.operationId,
            breaks: k.breaks,
            ...(k.reason === undefined ? {} : { reason: k.reason }),
          })),
        }),
    ...(d.acknowledged === undefined
      ? {}
      : {
          acknowledged: {
            reason: d.acknowledged.reason,
            ...(d.acknowledged.expires === undefined ? {} : { expires: d.acknowledged.expires }),
            expired: d.acknowledged.expired,
          },
        }),
    ...(d.against === undefined ? {} : { against: d.against }),
    ...(d.alsoAgainst === undefined ? {} : { alsoAgainst: [...d.alsoAgainst] }),
  };
}

function verdictFields(verdict: CompatVerdict | undefined): Partial<CompatVerdict> {
  if (verdict === undefined) return {};
  return {
    compatible: verdict.compatible,
    mode: verdict.mode,
    ...(verdict.versions ? { versions: [...verdict.versions] } : {}),
    ...(verdict.skippedVersions ? { skippedVersions: verdict.skippedVersions } : {}),
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
    ...verdictFields(report.compat),
    summary: { error: report.summary.error, warn: report.summary.warn, info: report.summary.info },
    diagnostics: report.diagnostics.map(toJsonDiagnostic),
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
