// Entry point of `eventline`: what the CLI does, as functions that return data. An explicit list:
// what is not here is internal and may change in any release.
import type { FileDifference, GenerateCatalogOptions, GeneratedFile } from "./codegen/index.js";
import type { Catalog } from "./model/types.js";
import {
  REPORT_FORMATS as FORMATS,
  type ReportFormat as Format,
  type FormatOptions,
  formatReport as formatReportOf,
  type Report,
} from "./report/index.js";

export {
  compareOutput as compareGeneratedFiles,
  writeOutput as writeGeneratedFiles,
} from "./codegen/output.js";
export {
  atOrAbove,
  type Diagnostic,
  type DiagnosticSummary,
  fingerprint,
  hasFindingsAtOrAbove,
  isSeverity,
  SEVERITIES,
  type Severity,
  sortDiagnostics,
  summarize,
} from "./diagnostics/index.js";
export { EventlineError, type EventlineErrorCode, exitCodeFor, isEventlineError } from "./errors.js";
export {
  LINT_RULE_IDS,
  type LintRuleInfo,
  lintRuleInfo,
  runLint,
  type ValidationReport,
  type ValidationResult,
  validate,
} from "./lint/index.js";
export type { ConfigInput, EventlineConfig } from "./model/config.js";
export type { Limits } from "./model/limits.js";
export { type LoadCatalogOptions, type LoadedCatalog, loadCatalog } from "./model/load-catalog.js";
export { resolvePositions } from "./model/positions.js";
export {
  type Action,
  type Catalog,
  type Channel,
  COMPATIBILITY_MODES,
  type CompatibilityMode,
  type DeadLetter,
  type Edge,
  type Message,
  type MessageExample,
  type Operation,
  type Ordering,
  type SchemaRef,
  type Server,
  type Service,
  type SourceLocation,
} from "./model/types.js";
export type { FormatOptions, Report, RuleInfo } from "./report/index.js";
export { VERSION } from "./version.js";
export type { FileDifference, GenerateCatalogOptions, GeneratedFile };

/**
 * The typed client files `eventline generate` writes for the catalog's services (all, or
 * `options.services`), paths relative to the output folder; nothing is written (see
 * {@link writeGeneratedFiles}). Throws an `EventlineError`: `INPUT_INVALID` when the catalog has
 * errors, `USAGE` for a service id it does not have.
 *
 * @example
 * const { catalog } = await loadCatalog({ root: "." });
 * writeGeneratedFiles("src/generated", await generate(catalog, { services: ["orders-service"] }));
 */
export async function generate(
  catalog: Catalog,
  options: GenerateCatalogOptions = {},
): Promise<GeneratedFile[]> {
  // The generator's dependencies (prettier, json-schema-to-typescript, ajv's code generation) load
  // on first use, so that `import "eventline"` for validation does not pay for them.
  const { generateCatalog } = await import("./codegen/generate-catalog.js");
  return generateCatalog(catalog, options);
}

/** The report formats `formatReport` and `--format` take: `text`, `json`, `sarif`, `github`, `markdown`. */
export const REPORT_FORMATS: typeof FORMATS = FORMATS;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = Format;

/**
 * A report as the CLI prints it in `format` (see docs/report-formats.md); pure, nothing is written.
 * Throws an `EventlineError` (`USAGE`) for a format outside {@link REPORT_FORMATS}.
 *
 * @example
 * const { report } = await validate({ root: "." });
 * process.stdout.write(formatReport(report, "sarif"));
 */
export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  return formatReportOf(report, format, options);
}
