import type { Diagnostic } from "../diagnostics/index.js";
import { findingText } from "./finding-text.js";
import type { Report } from "./report.js";
import { severityLabel, summaryLine } from "./wording.js";

export interface MarkdownOptions {
  /**
   * Upper bound on the output length. GitHub rejects comment bodies over 65,536 characters, so
   * rows that would not fit are dropped and counted instead of failing the whole comment.
   */
  maxLength?: number;
}

export const DEFAULT_MARKDOWN_MAX_LENGTH = 60_000;

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Messages are plain text, but they quote names such as `$ref` and `x_y*`, which GitHub would
 * otherwise render as math, emphasis, links or HTML. Punctuation that starts inline markup is
 * backslash-escaped; `|` would split the cell and a newline would end the table.
 */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]~$|]|[&<>]|\n/g, (c) => {
    if (c === "\n") return "<br>";
    return ENTITY[c] ?? `\\${c}`;
  });
}

/**
 * Cell content for a message or hint. Code spans the author wrote are kept, since backslash escapes
 * would show inside them; per CommonMark a backtick run only opens a span if a run of the same
 * length closes it, otherwise it is literal text.
 */
function cell(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n");
  let out = "";
  let i = 0;
  while (i < normalized.length) {
    const open = /`+/g;
    open.lastIndex = i;
    const opening = open.exec(normalized);
    if (!opening) break;
    out += escapeText(normalized.slice(i, opening.index));
    const fence = opening[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, "g");
    close.lastIndex = opening.index + fence.length;
    const closing = close.exec(normalized);
    if (closing) {
      // A table cell is one line, and GitHub unescapes `\|` even inside code spans in tables.
      const content = normalized.slice(opening.index + fence.length, closing.index);
      out += fence + content.replace(/\n/g, " ").replace(/\|/g, "\\|") + fence;
      i = closing.index + fence.length;
    } else {
      out += escapeText(fence);
      i = opening.index + fence.length;
    }
  }
  return out + escapeText(normalized.slice(i));
}

/** A code span that survives backticks in its content (CommonMark: a longer fence, padded). */
function code(text: string): string {
  const oneLine = text.replace(/\r?\n|\r/g, " ").replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

function row(d: Diagnostic): string {
  const location = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const text = cell(findingText(d, { witness: false }));
  const message = d.hint === undefined ? text : `${text}<br>Hint: ${cell(d.hint)}`;
  return `| ${severityLabel(d.severity)} | ${code(location)} | ${code(d.ruleId)} | ${message} |`;
}

/** A pull-request comment: heading, counts, and a table of findings. */
export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MARKDOWN_MAX_LENGTH;
  const head = [`## Eventline ${code(report.command)}`, "", summaryLine(report)];
  if (report.diagnostics.length === 0) return `${head.join("\n")}\n`;

  const table = ["| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"];
  const rows = report.diagnostics.map(row);
  const whole = `${[...head, "", ...table, ...rows].join("\n")}\n`;
  if (whole.length <= maxLength) return withWitnesses(whole, report.diagnostics, maxLength);

  const note = (omitted: number) => `…and ${omitted} more not shown (comment size limit).`;
  // Sized for the largest possible note, so appending it can never push the body over the limit.
  let length = [...head, "", ...table, "", note(rows.length)].join("\n").length + 1;
  let shown = 0;
  for (const line of rows) {
    if (length + line.length + 1 > maxLength) break;
    length += line.length + 1;
    shown++;
  }
  return `${[...head, "", ...table, ...rows.slice(0, shown), "", note(rows.length - shown)].join("\n")}\n`;
}

/**
 * A compat witness is a whole message: a fenced JSON block reads better than a table cell, so each
 * follows the table (as many as fit the comment size limit), in table order.
 */
function withWitnesses(body: string, diagnostics: readonly Diagnostic[], maxLength: number): string {
  let out = body;
  let heading = false;
  for (const d of diagnostics) {
    if (d.witness === undefined || d.witness === null) continue;
    const json = JSON.stringify(d.witness, null, 2);
    const longestRun = Math.max(2, ...(json.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longestRun + 1);
    const location = d.line === undefined ? d.file : `${d.file}:${d.line}`;
    const at = d.witnessPointer ? ` (rejected at ${code(d.witnessPointer)})` : "";
    const block = [
      ...(heading ? [] : ["", "### Witnesses", ""]),
      `${code(d.ruleId)} at ${code(location)}: a message the writer side accepts and the reader side rejects${at}.`,
      "",
      `${fence}json`,
      json,
      fence,
      "",
    ].join("\n");
    if (out.length + block.length > maxLength) {
      const note = "\n_More witnesses did not fit the comment size limit: see `--format json`._\n";
      if (out.length + note.length <= maxLength) out += note;
      break;
    }
    out += block;
    heading = true;
  }
  return out;
}
