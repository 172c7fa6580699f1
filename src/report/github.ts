import type { Diagnostic, Severity } from "../diagnostics/index.js";
import { findingText } from "./finding-text.js";
import type { Report } from "./report.js";
import { summaryLine } from "./wording.js";

const COMMAND: Record<Severity, string> = { error: "error", warn: "warning", info: "notice" };

/**
 * The runner's own escaping rules (toolkit `command.ts`). Without them a message containing a
 * newline could end the annotation and start an arbitrary workflow command on the next line.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(d: Diagnostic): string {
  const properties = [`file=${escapeProperty(d.file)}`];
  if (d.line !== undefined) {
    properties.push(`line=${d.line}`);
    // A column without a line cannot be placed, so it is only sent alongside one.
    if (d.column !== undefined) properties.push(`col=${d.column}`);
  }
  properties.push(`title=${escapeProperty(d.ruleId)}`);
  const message = findingText(d);
  const text = d.hint === undefined ? message : `${message}\n${d.hint}`;
  return `::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(text)}`;
}

/** One GitHub Actions annotation per diagnostic, then a plain summary line for the job log. */
export function formatGithub(report: Report): string {
  const lines = report.diagnostics.map(annotation);
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}
