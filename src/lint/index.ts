export { DEFAULT_MAX_NODES, SchemaTooLargeError, toAcyclicSchema } from "../schema/acyclic-schema.js";
export { LINT_RULE_IDS, LINT_RULES, lintRules } from "./registry.js";
export type {
  LintFinding,
  LintResult,
  LintRule,
  LintRuleInfo,
  LintRuleMeta,
  RuleSeverityConfig,
} from "./rule.js";
export { lintRuleInfo, runLint } from "./run-lint.js";
export { CATALOG_ONLY_RULES, spectralRules, spectralRuleset } from "./spectral.js";
