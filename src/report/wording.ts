import type { Severity } from "../diagnostics/index.js";
import type { Report } from "./report.js";

/**
 * `warn` is the configuration spelling; people reading output expect the word compilers use, and
 * problem matchers (VS Code, GitHub) look for `warning`.
 */
const SEVERITY_LABEL: Record<Severity, string> = { error: "error", warn: "warning", info: "info" };

export function severityLabel(severity: Severity): string {
  return SEVERITY_LABEL[severity];
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function problemCount(report: Report): number {
  return report.summary.error + report.summary.warn + report.summary.info;
}

/** `3 errors, 1 warning, 0 infos in 5 documents`, or `No problems found in 5 documents.` */
export function summaryLine(report: Report): string {
  const documents = plural(report.documents.length, "document");
  if (problemCount(report) === 0) return `No problems found in ${documents}.`;
  const { error, warn, info } = report.summary;
  return `${plural(error, "error")}, ${plural(warn, "warning")}, ${plural(info, "info")} in ${documents}`;
}
