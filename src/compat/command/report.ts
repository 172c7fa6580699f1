import {
  atOrAbove,
  type Diagnostic,
  type Severity,
  sortDiagnostics,
  summarize,
} from "../../diagnostics/index.js";
import type { Report, RuleInfo } from "../../report/index.js";
import { CATALOG_RULES } from "../catalog-diff/registry.js";
import { COMPAT_RULES } from "../registry.js";
import type { CompatChange, CompatResult } from "./types.js";

/** The `--format json` object; its schema is schemas/compat-report.schema.json. */
export interface CompatJson {
  compatible: boolean;
  mode: string;
  /** `--transitive`: the earlier versions compared, oldest first. */
  versions?: string[];
  skippedVersions?: number;
  changes: CompatJsonChange[];
}

export interface CompatJsonChange {
  ruleId: string;
  breaking: boolean;
  severity: Severity;
  pointer: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  fingerprint: string;
  witness?: unknown;
  witnessStatus?: string;
  consumers?: string[];
  acknowledged?: { reason: string; expires?: string; expired: boolean };
  against?: string;
  alsoAgainst?: string[];
}

/** A change counts against the build unless an unexpired acknowledgement covers it. */
function counts(c: CompatChange): boolean {
  return c.acknowledged === undefined || c.acknowledged.expired;
}

/** No breaking change left once acknowledgements are applied. */
export function isCompatible(changes: readonly CompatChange[]): boolean {
  return !changes.some((c) => c.breaking && counts(c));
}

/** Exit 1 when an unacknowledged change is at or above `failOn`. */
export function fails(changes: readonly CompatChange[], failOn: Severity): boolean {
  return changes.some((c) => counts(c) && atOrAbove(c.severity, failOn));
}

export function toCompatJson(result: CompatResult): CompatJson {
  return {
    compatible: isCompatible(result.changes),
    mode: result.mode,
    ...(result.versions ? { versions: [...result.versions] } : {}),
    ...(result.skippedVersions ? { skippedVersions: result.skippedVersions } : {}),
    changes: result.changes.map((c) => ({
      ruleId: c.ruleId,
      breaking: c.breaking,
      severity: c.severity,
      pointer: c.pointer,
      message: c.message,
      ...(c.file !== "" ? { file: c.file } : {}),
      ...(c.line !== undefined ? { line: c.line } : {}),
      ...(c.column !== undefined ? { column: c.column } : {}),
      ...(c.hint !== undefined ? { hint: c.hint } : {}),
      fingerprint: c.fingerprint,
      ...(c.witness !== undefined ? { witness: c.witness } : {}),
      ...(c.witnessStatus !== undefined ? { witnessStatus: c.witnessStatus } : {}),
      ...(c.consumers ? { consumers: [...c.consumers] } : {}),
      ...(c.acknowledged ? { acknowledged: { ...c.acknowledged } } : {}),
      ...(c.against !== undefined ? { against: c.against } : {}),
      ...(c.alsoAgainst ? { alsoAgainst: [...c.alsoAgainst] } : {}),
    })),
  };
}

export function formatCompatJson(result: CompatResult): string {
  return `${JSON.stringify(toCompatJson(result), null, 2)}\n`;
}

/**
 * Folds what the shared formatters have no field for into the message, as continuation lines: text
 * indents them under the finding, markdown turns them into `<br>`, SARIF and GitHub keep them.
 */
function describe(c: CompatChange): string {
  const lines = [c.breaking ? `${c.message} [breaking]` : c.message];
  if (c.against !== undefined) lines.push(`against: ${[c.against, ...(c.alsoAgainst ?? [])].join(", ")}`);
  if (c.acknowledged) {
    const until = c.acknowledged.expires ? ` until ${c.acknowledged.expires}` : "";
    lines.push(
      c.acknowledged.expired
        ? `acknowledgement expired on ${c.acknowledged.expires}: ${c.acknowledged.reason}`
        : `acknowledged${until}: ${c.acknowledged.reason}`,
    );
  }
  if (c.consumers?.length) lines.push(`consumers: ${c.consumers.join(", ")}`);
  if (c.witness !== undefined) lines.push(`witness: ${JSON.stringify(c.witness)}`);
  else if (c.witnessStatus === "unverified") lines.push("witness: unverified");
  lines.push(`fingerprint: ${c.fingerprint}`);
  return lines.join("\n");
}

/** Acknowledged changes are shown as info so annotations and SARIF levels do not flag them. */
function toDiagnostic(c: CompatChange): Diagnostic {
  const d: Diagnostic = {
    ruleId: c.ruleId,
    severity: counts(c) ? c.severity : "info",
    message: describe(c),
    file: c.file,
    pointer: c.pointer,
    fingerprint: c.fingerprint,
  };
  if (c.line !== undefined) d.line = c.line;
  if (c.column !== undefined) d.column = c.column;
  if (c.hint !== undefined) d.hint = c.hint;
  return d;
}

function ruleInfo(): RuleInfo[] {
  return [
    // The default mode's severity: BACKWARD.
    ...[...COMPAT_RULES, ...CATALOG_RULES].map((r) => ({
      id: r.id,
      description: r.description,
      defaultSeverity: r.severity.BACKWARD,
    })),
  ];
}

/** The shared report shape, so text, markdown, SARIF and GitHub output come from src/report. */
export function toReport(result: CompatResult, version: string): Report {
  const diagnostics = sortDiagnostics(result.changes.map(toDiagnostic));
  return {
    tool: { name: "eventline", version },
    command: "compat",
    root: result.root,
    documents: [...result.documents],
    diagnostics,
    summary: summarize(diagnostics),
    rules: ruleInfo(),
  };
}

/** `Compatible (mode: backward).` or `Not compatible: 2 breaking changes (1 acknowledged).` */
export function verdictLine(result: CompatResult): string {
  const breaking = result.changes.filter((c) => c.breaking);
  const acked = breaking.filter((c) => !counts(c)).length;
  const note = acked > 0 ? ` (${acked} acknowledged)` : "";
  const n = breaking.length - acked;
  return isCompatible(result.changes)
    ? `Compatible (mode: ${result.mode})${note}.`
    : `Not compatible (mode: ${result.mode}): ${n} breaking change${n === 1 ? "" : "s"}${note}.`;
}
