import type { Diagnostic } from "../diagnostics/index.js";
import type { LintRuleInfo } from "../lint/index.js";
import type { SourceLocation } from "../model/types.js";
import type { CatalogFinding } from "./types.js";

/** A resource that findings can belong to, by where it is written. */
export interface Owner {
  source: Pick<SourceLocation, "file" | "pointer">;
  findings: CatalogFinding[];
}

function within(pointer: string, prefix: string): boolean {
  return prefix === "" || pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/**
 * Hands each finding to the resource written closest around it (the longest source pointer that
 * contains the finding's pointer in the same file). Returns the findings no resource contains.
 */
export function attachFindings(
  diagnostics: readonly Diagnostic[],
  owners: readonly Owner[],
  rules: readonly LintRuleInfo[],
): CatalogFinding[] {
  const docs = new Map(rules.map((r) => [r.id, r.docs]));
  const byFile = new Map<string, Owner[]>();
  for (const owner of owners) {
    const list = byFile.get(owner.source.file) ?? [];
    list.push(owner);
    byFile.set(owner.source.file, list);
  }
  const other: CatalogFinding[] = [];
  for (const d of diagnostics) {
    const finding: CatalogFinding = {
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      file: d.file,
      ...(d.line !== undefined ? { line: d.line } : {}),
      ...(docs.has(d.ruleId) ? { docs: docs.get(d.ruleId)! } : {}),
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
    };
    let best: Owner | undefined;
    for (const owner of byFile.get(d.file) ?? []) {
      if (!within(d.pointer, owner.source.pointer)) continue;
      if (!best || owner.source.pointer.length > best.source.pointer.length) best = owner;
    }
    if (best) best.findings.push(finding);
    else other.push(finding);
  }
  return other;
}
