export { createDiagnostic, type DiagnosticInput } from "./create.js";
export {
  type AppliedAcknowledgement,
  atOrAbove,
  type ConsumerImpact,
  type Diagnostic,
  isSeverity,
  SEVERITIES,
  type Severity,
  severityRank,
  type WitnessStatus,
} from "./diagnostic.js";
export { fingerprint } from "./fingerprint.js";
export { compareDiagnostics, dedupeDiagnostics, sortDiagnostics } from "./sort.js";
export { type DiagnosticSummary, hasFindingsAtOrAbove, summarize } from "./summary.js";
