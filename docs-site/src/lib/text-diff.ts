import { structuredPatch } from "diff";

/** One row of a unified diff: a line with its old and new line numbers, or the unchanged lines skipped. */
export type DiffRow =
  | { kind: "skip"; lines: number }
  | { kind: "add" | "del" | "same"; old?: number; new?: number; text: string };

export interface TextDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** Set when the texts are too different to diff within the budget; nothing else is then set. */
  tooLarge?: boolean;
}

/** Past this many edits a diff says so instead of spending the build on it. */
const MAX_EDIT_LENGTH = 20_000;

/**
 * A unified line diff of two texts (jsdiff), with three lines of context around each change and the
 * unchanged lines between hunks counted. The rows are plain text: the page escapes them.
 */
export function textDiff(before: string, after: string, context = 3): TextDiff {
  const patch = structuredPatch("before", "after", before, after, undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!patch) return { rows: [], added: 0, removed: 0, tooLarge: true };
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  let nextOld = 1;
  const total = before === "" ? 0 : before.split("\n").length - (before.endsWith("\n") ? 1 : 0);
  for (const hunk of patch.hunks) {
    const start = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    if (start > nextOld) rows.push({ kind: "skip", lines: start - nextOld });
    let o = start;
    let n = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
    for (const line of hunk.lines) {
      const sign = line[0];
      const text = line.slice(1);
      if (sign === "+") {
        rows.push({ kind: "add", new: n++, text });
        added++;
      } else if (sign === "-") {
        rows.push({ kind: "del", old: o++, text });
        removed++;
      } else if (sign === " ") rows.push({ kind: "same", old: o++, new: n++, text });
      // "\ No newline at end of file" says nothing a reader of a schema needs.
    }
    nextOld = o;
  }
  if (rows.length > 0 && total >= nextOld) rows.push({ kind: "skip", lines: total - nextOld + 1 });
  return { rows, added, removed };
}
