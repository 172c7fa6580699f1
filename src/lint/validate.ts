import {
  type Diagnostic,
  type DiagnosticSummary,
  hasFindingsAtOrAbove,
  type Severity,
  sortDiagnostics,
  summarize,
} from "../diagnostics/index.js";
import {
  type Catalog,
  type EventlineConfig,
  type LoadCatalogOptions,
  loadCatalog,
  resolvePositions,
} from "../model/index.js";
import { VERSION } from "../version.js";
import type { LintRuleInfo } from "./rule.js";
import { lintRuleInfo, runLint } from "./run-lint.js";

/**
 * What `eventline validate` reports, ready for `formatReport`: the same fields as the report
 * formatters take, with `command` fixed to `validate`.
 */
export interface ValidationReport {
  tool: { name: "eventline"; version: string };
  command: "validate";
  /** Absolute project root; every diagnostic's `file` is relative to it. */
  root: string;
  /** The documents that were checked, relative to `root`. */
  documents: string[];
  /** Parser and lint findings after the configured severities, sorted, with line and column. */
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  /** The lint rules, for reporters that describe them (SARIF). */
  rules: LintRuleInfo[];
}

/** The outcome of {@link validate}. */
export interface ValidationResult {
  report: ValidationReport;
  /** `true` when a finding is at or above the configured `failOn` (the CLI then exits 1). */
  failed: boolean;
  /** The catalog that was checked, for a caller that goes on (to generate code, say). */
  catalog: Catalog;
  /** The configuration in effect (file plus `options.config`). */
  config: EventlineConfig;
}

/**
 * Validates and lints the catalog as `eventline validate` does and returns the report instead of
 * printing it. Problems in the documents are findings in the report; only a usage or configuration
 * error (an unreadable config file, a path outside the root) throws an `EventlineError`.
 */
export async function validate(options: LoadCatalogOptions = {}): Promise<ValidationResult> {
  const { catalog, config } = await loadCatalog(options);
  const findings = [...applySeverities(catalog.diagnostics, config.rules), ...runLint(catalog, config.rules)];
  const diagnostics = sortDiagnostics(resolvePositions(findings, catalog.root, config.limits));
  return {
    report: {
      tool: { name: "eventline", version: VERSION },
      command: "validate",
      root: catalog.root,
      documents: [...catalog.documents],
      diagnostics,
      summary: summarize(diagnostics),
      rules: lintRuleInfo(),
    },
    failed: hasFindingsAtOrAbove(diagnostics, config.failOn),
    catalog,
    config,
  };
}

/**
 * Parser warnings and infos obey the same per-rule severity settings as lint rules. Errors do not:
 * every load failure (unreadable file, YAML, $ref policy, budgets, parser) is an error, and hiding it
 * would pass a document nothing was checked in.
 */
function applySeverities(
  diagnostics: readonly Diagnostic[],
  rules: Record<string, Severity | "off">,
): Diagnostic[] {
  return diagnostics.flatMap((d) => {
    const setting = rules[d.ruleId];
    if (setting === undefined || d.severity === "error") return [d];
    if (setting === "off") return [];
    return [{ ...d, severity: setting }];
  });
}
