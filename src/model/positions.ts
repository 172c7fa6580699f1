import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import type { Limits } from "./limits.js";
import { readSourceFile, type SourceFile } from "./source-file.js";

/**
 * Fills in line/column for diagnostics that carry only a pointer. Done once, when reporting, and only
 * for files that have such findings, so a clean warm run never re-parses YAML.
 */
export function resolvePositions(
  diagnostics: readonly Diagnostic[],
  root: string,
  limits: Limits,
): Diagnostic[] {
  const files = new Map<string, SourceFile | null>();
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    let file = files.get(d.file);
    if (file === undefined) {
      file = readSourceFile(join(root, d.file), d.file, limits).file ?? null;
      files.set(d.file, file);
    }
    if (!file) return d;
    const pos = file.locate(d.pointer);
    return { ...d, line: pos.line, column: pos.column };
  });
}
