// Entry point of `eventline`: what the CLI does, as functions that return data. An explicit list:
// what is not here is internal and may change in any release.
import type { FileDifference, GenerateCatalogOptions, GeneratedFile } from "./codegen/index.js";
import {
  type CliMode as CliModeOf,
  type CompareOptions as CompareOptionsOf,
  type CompatInput as CompatInputOf,
  type CompatResult,
  compareCatalogs,
  runCompat,
} from "./compat/check/index.js";
import type { Diagnostic } from "./diagnostics/index.js";
import type { Catalog } from "./model/types.js";
import {
  compatReport as compatReportOf,
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
export { type CompatResult, isCompatible } from "./compat/check/index.js";
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
export type { CompatVerdict, FormatOptions, Report, RuleInfo } from "./report/index.js";

import { VERSION } from "./version.js";

export type { FileDifference, GenerateCatalogOptions, GeneratedFile };
export { VERSION };

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

/** A compatibility mode as `--mode` takes it: `backward`, `forward`, `full`, their `_transitive` forms, `none`. */
export type CliMode = CliModeOf;

/**
 * How two catalogs are compared: `mode` (as `--mode`: `backward`…`none`) replaces every
 * `x-eventline-compatibility`; `profile` and `lenient` as the `--profile` and `--lenient` flags.
 */
export type CompareOptions = CompareOptionsOf;

/**
 * What {@link checkCompatibility} compares, as the `eventline compat` flags: two `paths` (schema
 * files, documents or directories, relative to `cwd`), or `against` a git ref (with `transitive`,
 * `history`, `maxVersions`); plus `root`, `config`, `acknowledged` and the {@link CompareOptions}.
 */
export type CompatInput = CompatInputOf;

/**
 * `eventline compat` without the printing: detects the inputs, compares them (against a git ref:
 * the working tree against the catalog at the ref, checked out in a temporary directory), applies
 * the acknowledgements, and returns the changes as diagnostics with the compat fields (`breaking`,
 * `witness`, `consumers`, `acknowledged`). Throws an `EventlineError` for bad input: two inputs of
 * different kinds, a document that does not load, an unknown git ref.
 *
 * @example
 * const result = await checkCompatibility({ cwd: ".", paths: [], against: "origin/main" });
 * if (!isCompatible(result.changes)) process.stdout.write(formatReport(compatReport(result), "text"));
 */
export function checkCompatibility(input: CompatInput): Promise<CompatResult> {
  return runCompat(input);
}

/**
 * The changes from `oldCatalog` to `newCatalog` (both from {@link loadCatalog}) as diagnostics with
 * the compat fields, and the mode that applied (`default`: each message's own
 * `x-eventline-compatibility`, else backward). Acknowledgements are not applied. Throws an
 * `EventlineError` (`INPUT_INVALID`) for a schema ajv cannot compile.
 */
export function diffCatalogs(
  oldCatalog: Catalog,
  newCatalog: Catalog,
  options: CompareOptions = {},
): { mode: string; changes: Diagnostic[] } {
  return compareCatalogs(oldCatalog, newCatalog, options);
}

/** The report of a compatibility check, for {@link formatReport}: what `eventline compat` prints. */
export function compatReport(result: CompatResult): Report {
  return compatReportOf(result, VERSION);
}
