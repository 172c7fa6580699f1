// The programmatic API: what the CLI does, as functions that return data.
export * from "./diagnostics/index.js";
export { EventlineError, type EventlineErrorCode, exitCodeFor, isEventlineError } from "./errors.js";
export { LINT_RULE_IDS, lintRuleInfo, lintRules, runLint } from "./lint/index.js";
export * from "./model/index.js";
export {
  formatReport,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  type RuleInfo,
} from "./report/index.js";
export { VERSION } from "./version.js";
