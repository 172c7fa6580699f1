import type { ConsumerImpact, Severity, WitnessStatus } from "../../diagnostics/index.js";
import type {
  Action,
  Catalog,
  Channel,
  CompatibilityMode,
  Message,
  Operation,
  SourceLocation,
} from "../../model/types.js";
import type { SubsetOptions } from "../is-subset.js";
import type { ModeSeverities } from "../mode-severity.js";
import type { DirectedFinding } from "../modes.js";

export type { ConsumerImpact };

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

/** The message a finding is about, so its consumers can be listed. */
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

/** What a rule returns; diffCatalogs turns it into a Diagnostic with the compat fields. */
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
