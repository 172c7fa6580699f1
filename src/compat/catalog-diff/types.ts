import type { Diagnostic, Severity } from "../../diagnostics/index.js";
import type {
  Action,
  Catalog,
  Channel,
  CompatibilityMode,
  Message,
  Operation,
  SourceLocation,
} from "../../model/types.js";
import type { WitnessStatus } from "../finding.js";
import type { SubsetOptions } from "../is-subset.js";
import type { ModeSeverities } from "../mode-severity.js";
import type { DirectedFinding } from "../modes.js";

/** A receive operation that reads a message affected by a breaking change. */
export interface ConsumerImpact {
  serviceId: string;
  operationId: string;
  /** True when this consumer's own schema does not accept what the producers now write (or nothing writes it any more). */
  breaks: boolean;
}

/** One document-level finding: a Diagnostic plus what the change means for consumers. */
export interface CatalogChange extends Diagnostic {
  breaking: boolean;
  /** Consumers (receive operations anywhere in the new catalog) of the affected message; breaking message changes only. */
  consumers?: ConsumerImpact[];
  /** The schema findings behind a payload or headers change. */
  details?: DirectedFinding[];
  /**
   * Breaking payload/headers changes: a whole message the writer side accepts and the reader side
   * rejects (ajv-checked), built from the message's examples when it has some; `null` when none was found.
   */
  witness?: unknown;
  /** JSON pointer into `witness`: where the reader side rejects it. */
  witnessPointer?: string;
  /** `unverified` when no witness was found within the search budget (never a guess). */
  witnessStatus?: WitnessStatus;
  /** Why `witness` is null. */
  witnessReason?: string;
}

export interface DiffCatalogsOptions {
  /** Mode when neither the message nor its document sets `x-eventline-compatibility`. Default BACKWARD. */
  mode?: CompatibilityMode;
  /** Passed to `isSubset` (profile, LENIENT, format). */
  subset?: SubsetOptions;
}

/** One use of a message: a message listed on a channel of a service, with the roles that service plays for it. */
export interface MessageUse {
  serviceId: string;
  channel: Channel;
  /** The channel's address, else its key (dynamic addresses). */
  address: string;
  message: Message;
  /** `send` and/or `receive`, from the service's operations on this channel that list the message. */
  roles: Action[];
  operations: Operation[];
}

export type DiffPair =
  | { kind: "channel"; old?: Channel; new?: Channel }
  | { kind: "operation"; old?: Operation; new?: Operation; oldChannel?: Channel; newChannel?: Channel }
  | { kind: "message"; old?: MessageUse; new?: MessageUse };

export type PairKind = DiffPair["kind"];

/** The message a finding is about, so consumers can be listed (issue §4). */
export interface Affected {
  address: string;
  messageName: string;
  /** The writer's schema to judge consumers by when no producer of the message is left in the new catalog. */
  fallbackWriter?: unknown;
  /** The producer of the message is gone (removed, moved): consumers still reading it break. */
  producerGone?: boolean;
  /** Which schema of the message changed, so consumers are judged by theirs (default payload). */
  part?: "payload" | "headers";
}

/** What a rule returns; diffCatalogs turns it into a CatalogChange. */
export interface RuleFinding {
  message: string;
  source: SourceLocation;
  /** Overrides the rule's severity for the mode (e.g. info instead of error after a major bump); NONE stays info. */
  severity?: Severity;
  breaking?: boolean;
  /** Part of the fingerprint, for rules that can report twice at one pointer. */
  key?: string;
  affects?: Affected[];
  details?: DirectedFinding[];
  witness?: unknown;
  witnessPointer?: string;
  witnessStatus?: WitnessStatus;
  witnessReason?: string;
}

export interface RuleContext {
  readonly old: Catalog;
  readonly new: Catalog;
  readonly options: DiffCatalogsOptions;
  /** The mode that applies to a message use: message, then document `x-eventline-compatibility`, then options. */
  modeOf(use: MessageUse, catalog: "old" | "new"): CompatibilityMode;
  /** The mode of a service's document: its `x-eventline-compatibility`, then options, then BACKWARD. */
  serviceMode(serviceId: string, catalog: "old" | "new"): CompatibilityMode;
  /** Schema findings between the old and new payload (or headers) under the use's mode; memoised. */
  schemaFindings(pair: { old: MessageUse; new: MessageUse }, part: "payload" | "headers"): DirectedFinding[];
  /** Receive operations in the new catalog reading `address` + `messageName`, with their message. */
  consumersOf(address: string, messageName: string): { operation: Operation; message: Message }[];
}

/** Static description of a document-level rule (data: docs and reports share it). */
export interface CatalogRuleMeta {
  readonly id: string;
  readonly description: string;
  /** Severity in each mode family; a finding may lower it (e.g. after a major version bump). */
  readonly severity: ModeSeverities;
  /** Why the change breaks and what to do instead. */
  readonly hint: string;
}

export interface CatalogRule<K extends PairKind = PairKind> extends CatalogRuleMeta {
  readonly kind: K;
  check(pair: Extract<DiffPair, { kind: K }>, cx: RuleContext): RuleFinding[];
}

export type AnyCatalogRule = CatalogRule<"channel"> | CatalogRule<"operation"> | CatalogRule<"message">;

/** Identity helper that keeps the pair kind narrow in rule files. */
export function defineRule<K extends PairKind>(rule: CatalogRule<K>): CatalogRule<K> {
  return rule;
}
