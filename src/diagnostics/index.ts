export { createDiagnostic, type DiagnosticInput } from "./create.js";
export {
  atOrAbove,
  type Diagnostic,
  isSeverity,
  SEVERITIES,
  type Severity,
  severityRank,
} from "./diagnostic.js";
export { fingerprint } from "./fingerprint.js";
export { compareDiagnostics, dedupeDiagnostics, sortDiagnostics } from "./sort.js";
export { type DiagnosticSummary, hasFindingsAtOrAbove, summarize } from "./summary.js";
