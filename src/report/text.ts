import type { Diagnostic, Severity } from "../diagnostics/index.js";
import { findingText } from "./finding-text.js";
import type { Report } from "./report.js";
import { severityLabel, summaryLine } from "./wording.js";

export interface TextOptions {
  /** ANSI colour for the severity word; the CLI decides (TTY, NO_COLOR, FORCE_COLOR). */
  color?: boolean;
}

const COLOR: Record<Severity, string> = { error: "\x1b[31m", warn: "\x1b[33m", info: "\x1b[36m" };
// Resets only the foreground so it cannot cancel styling the surrounding terminal output set.
const RESET_FG = "\x1b[39m";

const HINT_PREFIX = "  hint: ";

/**
 * Messages, hints and even file names can quote document content. A crafted document must not be
 * able to move the cursor, clear the screen or forge a line of output, so control characters are
 * shown as escapes. In messages and hints, newlines become indented continuation lines instead.
 */
function neutralize(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** Continuation lines are indented so every line that starts in column 1 is a diagnostic. */
function indentContinuation(text: string, indent: string): string {
  return text.split(/\r?\n/).map(neutralize).join(`\n${indent}`);
}

function location(d: Diagnostic): string {
  const file = neutralize(d.file);
  if (d.line === undefined) return file;
  if (d.column === undefined) return `${file}:${d.line}`;
  return `${file}:${d.line}:${d.column}`;
}

/** Compiler-style lines (`file:line:col severity rule message`), then a summary line. */
export function formatText(report: Report, options: TextOptions = {}): string {
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    const label = severityLabel(d.severity);
    const severity = options.color ? `${COLOR[d.severity]}${label}${RESET_FG}` : label;
    lines.push(
      `${location(d)} ${severity} ${neutralize(d.ruleId)} ${indentContinuation(findingText(d), "  ")}`,
    );
    if (d.hint !== undefined) {
      lines.push(HINT_PREFIX + indentContinuation(d.hint, " ".repeat(HINT_PREFIX.length)));
    }
  }
  if (lines.length > 0) lines.push("");
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}
