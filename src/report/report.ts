import type { Diagnostic, DiagnosticSummary, Severity } from "../diagnostics/index.js";

/** Metadata a reporter may show about a rule (SARIF `tool.driver.rules`, docs links). */
export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Relative docs path or URL, e.g. `docs/rules/message-has-version.md`. */
  docs?: string;
}

/** What `eventline compat` decided, beside its findings. */
export interface CompatVerdict {
  /** False when a breaking change is left that no unexpired acknowledgement covers. */
  compatible: boolean;
  /** `backward`…`none`, or `default` when each message's own mode (else backward) applied. */
  mode: string;
  /** `--transitive`: the earlier versions compared (short sha or tag), oldest first. */
  versions?: string[];
  /** `--transitive`: versions in the history left out by `--max-versions`. */
  skippedVersions?: number;
}

/** What a command hands to a formatter. Formatters are pure: report in, string out. */
export interface Report {
  tool: { name: "eventline"; version: string };
  /** The command that produced the report, e.g. `validate`. */
  command: string;
  /** Absolute project root; `Diagnostic.file` is relative to it. */
  root: string;
  /** Documents that were checked, relative to root. */
  documents: string[];
  /** Sorted, with line/column resolved where the file could be read. */
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  rules: RuleInfo[];
  /** Set by `eventline compat` only. */
  compat?: CompatVerdict;
}

export const REPORT_FORMATS = ["text", "json", "sarif", "github", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
