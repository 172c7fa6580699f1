import { CATALOG_RULES } from "../compat/catalog-diff/registry.js";
import type { CompatResult } from "../compat/check/types.js";
import { counts, isCompatible } from "../compat/check/verdict.js";
import { COMPAT_RULES } from "../compat/registry.js";
import { type Diagnostic, sortDiagnostics, summarize } from "../diagnostics/index.js";
import type { Report, RuleInfo } from "./report.js";

/** Acknowledged changes are shown as info, so annotations, SARIF levels and the summary skip them. */
function shown(c: Diagnostic): Diagnostic {
  return counts(c) ? c : { ...c, severity: "info" };
}

function ruleInfo(): RuleInfo[] {
  // The default mode's severity: BACKWARD.
  return [...COMPAT_RULES, ...CATALOG_RULES].map((r) => ({
    id: r.id,
    description: r.description,
    defaultSeverity: r.severity.BACKWARD,
  }));
}

/** The report every format prints for `eventline compat`. */
export function compatReport(result: CompatResult, version: string): Report {
  const diagnostics = sortDiagnostics(result.changes.map(shown));
  return {
    tool: { name: "eventline", version },
    command: "compat",
    root: result.root,
    documents: [...result.documents],
    diagnostics,
    summary: summarize(diagnostics),
    rules: ruleInfo(),
    compat: {
      compatible: isCompatible(result.changes),
      mode: result.mode,
      ...(result.versions ? { versions: [...result.versions] } : {}),
      ...(result.skippedVersions ? { skippedVersions: result.skippedVersions } : {}),
    },
  };
}

/** `Compatible (mode: backward).` or `Not compatible (mode: backward): 2 breaking changes (1 acknowledged).` */
export function verdictLine(result: CompatResult): string {
  const breaking = result.changes.filter((c) => c.breaking === true);
  const acked = breaking.filter((c) => !counts(c)).length;
  const note = acked > 0 ? ` (${acked} acknowledged)` : "";
  const n = breaking.length - acked;
  return isCompatible(result.changes)
    ? `Compatible (mode: ${result.mode})${note}.`
    : `Not compatible (mode: ${result.mode}): ${n} breaking change${n === 1 ? "" : "s"}${note}.`;
}

/** `--transitive`: which earlier versions were compared, and how many --max-versions left out. */
export function versionsLine(result: CompatResult): string | undefined {
  if (!result.versions) return undefined;
  const n = result.versions.length;
  const skipped = result.skippedVersions
    ? ` (${result.skippedVersions} older version${result.skippedVersions === 1 ? "" : "s"} left out by --max-versions)`
    : "";
  return `Checked against ${n} earlier version${n === 1 ? "" : "s"}: ${result.versions.join(", ")}${skipped}.`;
}
