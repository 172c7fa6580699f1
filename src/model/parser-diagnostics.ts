import { createDiagnostic, type Diagnostic, type Severity } from "../diagnostics/index.js";
import { toPointer } from "../schema/pointer.js";
import type { RawParserDiagnostic } from "./parser-pool.js";
import { type FileLookup, resolvePointer } from "./ref-walk.js";
import type { SourceFile } from "./source-file.js";

const SEVERITY: Record<number, Severity> = { 0: "error", 1: "warn", 2: "info", 3: "info" };

/**
 * The parser reports paths in the dereferenced document. Walk the same path through the raw files,
 * following `$ref`s, so that a problem inside a referenced schema points into that schema's file.
 */
export function mapParserDiagnostics(
  raw: readonly RawParserDiagnostic[],
  document: SourceFile,
  lookup: FileLookup,
): Diagnostic[] {
  return raw.map((d) => {
    // Some diagnostics are about a referenced file: their path is relative to that file (`source`).
    const origin = d.source && d.source !== document.path ? (lookup(d.source) ?? document) : document;
    let segments = d.path.map(String);
    let at = resolvePointer(origin, toPointer(segments), lookup);
    while (!at && segments.length > 0) {
      segments = segments.slice(0, -1);
      at = resolvePointer(origin, toPointer(segments), lookup);
    }
    const file = at?.file ?? origin;
    const pointer = at?.pointer ?? "";
    const pos = file.locate(pointer);
    return createDiagnostic({
      ruleId: d.code,
      severity: SEVERITY[d.severity] ?? "info",
      message: d.message,
      file: file.name,
      pointer,
      line: pos.line,
      column: pos.column,
      key: d.message,
    });
  });
}
