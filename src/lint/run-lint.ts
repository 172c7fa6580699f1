import { createDiagnostic, type Diagnostic, dedupeDiagnostics } from "../diagnostics/index.js";
import type { Catalog } from "../model/types.js";
import { LINT_RULES } from "./registry.js";
import type { LintRule, LintRuleInfo, RuleSeverityConfig } from "./rule.js";

/**
 * Runs every enabled rule over the catalog. Severities come from the rule unless `severities`
 * overrides them (`"off"` skips the rule). Unknown ids in `severities` are ignored here: config
 * validation reports them. Diagnostics are returned in registry order, not sorted: sorting needs the
 * line numbers that reporting resolves.
 */
export function runLint(
  catalog: Catalog,
  severities: RuleSeverityConfig = {},
  rules: readonly LintRule[] = LINT_RULES,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = Object.hasOwn(severities, rule.id) ? severities[rule.id] : rule.defaultSeverity;
    if (severity === undefined || severity === "off") continue;
    for (const finding of rule.check(catalog)) {
      const sub = finding.subPointer ?? "";
      out.push(
        createDiagnostic({
          ruleId: rule.id,
          severity,
          message: finding.message,
          file: finding.at.file,
          pointer: finding.at.pointer + sub,
          hint: rule.hint,
          // The position of `at` is only right for `at` itself; a narrower pointer is located when reporting.
          ...(sub === "" ? { line: finding.at.line, column: finding.at.column } : {}),
          ...(finding.key !== undefined ? { key: finding.key } : {}),
        }),
      );
    }
  }
  // A message a document $refs from another file can surface twice with the same finding.
  return dedupeDiagnostics(out);
}

/** What reporters show about the rules (SARIF rule metadata, docs links). */
export function lintRuleInfo(rules: readonly LintRule[] = LINT_RULES): LintRuleInfo[] {
  return rules.map(({ id, description, defaultSeverity, docs }) => ({
    id,
    description,
    defaultSeverity,
    docs,
  }));
}
