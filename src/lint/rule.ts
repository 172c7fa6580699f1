import type { Diagnostic, Severity } from "../diagnostics/index.js";
import type { Catalog, SourceLocation } from "../model/types.js";

/** Static description of a lint rule: data, not code, so docs, SARIF and Spectral share it. */
export interface LintRuleMeta {
  /** Stable kebab-case id; also the file name under src/lint/rules/. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Why it matters and what to do instead; shown under every finding. */
  hint: string;
  /** Path of the rule's docs page, relative to the repository root. */
  docs: string;
}

/** One finding before severity and fingerprint are applied. */
export interface LintFinding {
  message: string;
  /** Where to point: a model node's source, optionally narrowed by a pointer suffix (e.g. "/x-eventline-version"). */
  at: SourceLocation;
  /** Appended to `at.pointer`; resolved to a line when reporting. */
  subPointer?: string;
  /** Distinguishes several findings of this rule at one pointer (for fingerprints). */
  key?: string;
}

export interface LintRule extends LintRuleMeta {
  check(catalog: Catalog): LintFinding[];
}

export type RuleSeverityConfig = Record<string, Severity | "off">;

export type LintResult = Diagnostic[];

/**
 * What reporters may show about a rule. Structurally the report layer's `RuleInfo`, declared here
 * because lint sits below report and must not import it.
 */
export type LintRuleInfo = Pick<LintRuleMeta, "id" | "description" | "defaultSeverity" | "docs">;
