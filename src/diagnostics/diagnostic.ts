/** The severities of a finding, most severe first: `error`, `warn`, `info`. */
export const SEVERITIES = ["error", "warn", "info"] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** How far a compat witness search got: `found` (ajv-checked) or `unverified` (none within the budget). */
export type WitnessStatus = "found" | "unverified";

/** A receive operation that reads a message a compatibility change affects. */
export interface ConsumerImpact {
  serviceId: string;
  /** Service-qualified where the catalog qualifies it, e.g. `billing/receiveOrderCreated`. */
  operationId: string;
  /** True when this consumer's own schema rejects what the producers now write, or what was written before the change. */
  breaks: boolean;
  /** Why it breaks or does not, in plain words, e.g. "its schema rejects messages the producers now send". */
  reason?: string;
}

/** An entry of the acknowledgements file that matched a compatibility change. */
export interface AppliedAcknowledgement {
  reason: string;
  expires?: string;
  /** True when `expires` is in the past: the change counts again. */
  expired: boolean;
}

/**
 * One shape for every finding Eventline reports: parser errors, lint rules, compatibility rules.
 * The optional fields after `fingerprint` are set by `eventline compat` only.
 */
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
  /** Compat: the change rejects messages one side accepts (in the mode that applies). */
  breaking?: boolean;
  /** Compat: a message the writer side accepts and the reader side rejects, both checked with ajv. */
  witness?: unknown;
  /** Compat: where in `witness` the reader rejects it (RFC 6901). */
  witnessPointer?: string;
  /** Compat: set on schema changes; `unverified` when no witness was found within the search budget. */
  witnessStatus?: WitnessStatus;
  /** Compat: why `witness` is null (the search budget spent, or a schema ajv cannot compile). */
  witnessReason?: string;
  /** Compat, breaking message changes: every consumer of the affected message, and whether it breaks. */
  consumers?: ConsumerImpact[];
  /** Compat: the acknowledgement that covers this change, if any. */
  acknowledged?: AppliedAcknowledgement;
  /** Compat `--transitive`: the earliest version (short sha or tag) the change was found against. */
  against?: string;
  /** Compat `--transitive`: the later versions it was found against too, oldest first. */
  alsoAgainst?: string[];
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
