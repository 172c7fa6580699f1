/** The severities of a finding, most severe first: `error`, `warn`, `info`. */
export const SEVERITIES = ["error", "warn", "info"] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** One shape for every finding Eventline reports: parser errors, lint rules, compatibility rules. */
export interface Diagnostic {
  /** Stable kebab-case rule id, e.g. `message-has-version` or a parser code such as `asyncapi-document-resolved`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path of the file the finding is about, relative to the project root, `/`-separated. */
  file: string;
  /** RFC 6901 JSON pointer into `file` ("" is the whole document). */
  pointer: string;
  /** 1-based; filled in when reporting. */
  line?: number;
  /** 1-based; filled in when reporting. */
  column?: number;
  /** Why it matters and what to do instead. */
  hint?: string;
  /** Stable across reformatting: derived from rule, file, pointer and an optional rule-chosen key. */
  fingerprint: string;
}

const RANK: Record<Severity, number> = { error: 3, warn: 2, info: 1 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** Whether `value` is one of {@link SEVERITIES} (for reading settings). */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
