// The catalog JSON as the site reads it: the same shape as schemas/catalog.v2.schema.json describes.
// The site never imports the toolkit, so it keeps its own copy of the types.
export type Severity = "error" | "warn" | "info";

/** `format` of the catalog JSON; a change that old readers cannot read bumps it. */
export const CATALOG_FORMAT = "eventline-catalog/v2";

/** A lint or load finding attached to the resource it is about. */
export interface CatalogFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line?: number;
  /** Path of the rule's documentation page relative to the repository root (docs/rules/…). */
  docs?: string;
  hint?: string;
}

export interface CatalogSchema {
  /** The schema with every `$ref` followed; a recursive schema keeps a local `#/…` back-reference. */
  schema: unknown;
  /** Where the definition lives after following `$ref`s (relative to the project root). */
  file: string;
  pointer: string;
  line: number;
  /** `schemaFormat` of the message when not the AsyncAPI default. */
  schemaFormat?: string;
  /** Set when the schema could not be expanded (too large); `schema` is then null. */
  error?: string;
}

export interface CatalogExample {
  name?: string;
  summary?: string;
  payload?: unknown;
  headers?: unknown;
  /** True when payload and headers validate against the message's schemas (checked with ajv at build time). */
  valid: boolean;
  /** ajv's errors, `<instance path> <message>`, when not valid. */
  errors: string[];
  file: string;
  line: number;
}

export interface CatalogService {
  id: string;
  /** URL-safe, unique among services: the page is `services/<slug>/`. */
  slug: string;
  title: string;
  version?: string;
  description?: string;
  owner?: string;
  asyncapi: string;
  /** The AsyncAPI document, relative to the project root. */
  file: string;
  /** The document's text, offered for download. */
  document: string;
  servers: { key: string; host?: string; protocol?: string; description?: string }[];
  tags: string[];
  sends: string[];
  receives: string[];
  operations: string[];
  channels: string[];
  consumerGroups: { groupId: string; topic: string; operations: string[] }[];
  deadLetters: { operation: string; channel?: string; topic?: string; maxAttempts?: number }[];
  /** The generated client's names, for the usage snippet; absent when codegen cannot plan the service. */
  client?: CatalogClient;
  findings: CatalogFinding[];
}

export interface CatalogClient {
  /** Folder under the generate output (`eventline generate --out <dir>`). */
  folder: string;
  factory: string;
  publish: { member: string; messageId: string; topic: string }[];
  consume: { member: string; messageId: string; topic: string; groupId: string }[];
  /** Why there is no client, when codegen refused the service. */
  error?: string;
}

export interface CatalogChannel {
  id: string;
  slug: string;
  serviceId: string;
  key: string;
  address: string | null;
  topic: string | null;
  description?: string;
  ordering?: string;
  partitions?: number;
  /** The channel's Kafka binding as written. */
  kafka?: unknown;
  messages: string[];
  producers: string[];
  consumers: string[];
  /** Dead-letter settings of the receive operations on this channel. */
  deadLetters: { operation: string; channel?: string; topic?: string; maxAttempts?: number }[];
  idempotencyKeys: { operation: string; pointer: string }[];
  file: string;
  line: number;
  findings: CatalogFinding[];
}

export interface CatalogMessage {
  id: string;
  slug: string;
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  version?: string;
  contentType?: string;
  cloudEventsType: string;
  partitionKey?: string;
  compatibility?: string;
  tags: string[];
  payload?: CatalogSchema;
  headers?: CatalogSchema;
  examples: CatalogExample[];
  channels: string[];
  producers: string[];
  consumers: string[];
  file: string;
  line: number;
  findings: CatalogFinding[];
}

export interface CatalogOperation {
  id: string;
  serviceId: string;
  key: string;
  action: "send" | "receive";
  channelId: string;
  messageIds: string[];
  summary?: string;
  groupId?: string;
  reply?: { channelId?: string; messageIds: string[] };
}

/** A request/reply exchange between services: the request's producer, its consumer and the reply. */
export interface CatalogFlow {
  id: string;
  slug: string;
  title: string;
  steps: { from: string; to: string; messageId: string; channelId: string; kind: "request" | "reply" }[];
}

/** A message a saga step names, and the services on the other side of it. */
export interface CatalogSagaMessage {
  /** The message's name, or what was written when it names no message of the document. */
  label: string;
  messageId?: string;
  /** Who receives it (an action, a compensation) or who sends it (a reply), other than the orchestrator. */
  services: string[];
}

/** One step of a saga: the command, its replies and the command that undoes it. */
export interface CatalogSagaStep {
  name: string;
  action?: CatalogSagaMessage;
  success?: CatalogSagaMessage;
  failure?: CatalogSagaMessage;
  /** "none" when the step needs no undoing. */
  compensation?: CatalogSagaMessage | "none";
  compensated?: CatalogSagaMessage;
  /** Milliseconds the step may take before it counts as failed, as written. */
  timeout?: string;
}

/** A saga an orchestrator declares with `x-eventline-saga`: its steps in order. */
export interface CatalogSaga {
  /** `<service id>/<saga name>`. */
  id: string;
  slug: string;
  name: string;
  /** The orchestrating service. */
  serviceId: string;
  steps: CatalogSagaStep[];
  file: string;
  line: number;
}

export interface CatalogJson {
  format: typeof CATALOG_FORMAT;
  title: string;
  generator: { name: "eventline"; version: string };
  /** Documents loaded, relative to the project root. */
  documents: string[];
  services: CatalogService[];
  channels: CatalogChannel[];
  messages: CatalogMessage[];
  operations: CatalogOperation[];
  edges: {
    producer: string;
    consumer: string;
    channelId: string;
    consumerChannelId: string;
    messageId: string;
  }[];
  flows: CatalogFlow[];
  sagas: CatalogSaga[];
  lint: {
    summary: Record<Severity, number>;
    rules: { id: string; description: string; docs: string }[];
    /** Findings that belong to no service, channel or message. */
    other: CatalogFinding[];
  };
  /** Earlier versions read from git (`catalog build --history`); absent without it. */
  history?: CatalogHistory;
}

/** The catalog's versions from git, and how each message and service changed across them. */
export interface CatalogHistory {
  /** `tags`: one version per git tag; `commits`: one per commit that touched a catalog file. */
  kind: "commits" | "tags";
  /** Oldest first. The last is the working tree when it differs from the newest one read from git. */
  versions: CatalogVersion[];
  /** Older versions left out by `--max-versions`. */
  skipped: number;
  messages: CatalogResourceHistory[];
  services: CatalogResourceHistory[];
}

export interface CatalogVersion {
  /** URL-safe and unique among versions: names the diff pages. */
  id: string;
  /** Tag name, short commit sha, or "working tree". */
  label: string;
  commit?: string;
  /** Committer date, ISO 8601. */
  date?: string;
  /** First line of the commit message. */
  subject?: string;
  /** Why the version could not be read (its documents do not load); it is then left out of every timeline. */
  error?: string;
}

/**
 * A message's or a service's timeline: one entry per version in which it appeared or changed, and the
 * diffs between pairs of entries that have pages.
 */
export interface CatalogResourceHistory {
  /** The message or service id in the current catalog. */
  id: string;
  /** Oldest first. */
  entries: CatalogHistoryEntry[];
  diffs: CatalogVersionDiff[];
}

export interface CatalogHistoryEntry {
  /** Id of the version where this state first appeared. */
  version: string;
  /** `added` when absent from the entry before (or first seen), else `changed`. */
  change: "added" | "changed";
  /** The message's `x-eventline-version`, or the service's `info.version`. */
  resourceVersion?: string;
  /** Compatibility mode the message is checked in at this version (declared, else BACKWARD). */
  mode?: string;
  /** The text shown in the plain diff: schemas with every `$ref` followed (messages), the AsyncAPI document (services). */
  texts: { label: string; text: string }[];
}

/** The compat engine's verdict between two entries of a timeline. */
export interface CatalogVersionDiff {
  /** `<from id>--<to id>`: the page name. */
  slug: string;
  from: string;
  to: string;
  /** The mode the change was judged in (the message's, at `to`); absent for services. */
  mode?: string;
  /** Number of breaking changes among `changes`. */
  breaking: number;
  changes: CatalogCompatFinding[];
}

/** One finding of `eventline compat` between two versions. */
export interface CatalogCompatFinding {
  ruleId: string;
  severity: Severity;
  breaking: boolean;
  message: string;
  file: string;
  line?: number;
  hint?: string;
  /** Path of the rules' documentation relative to the repository root. */
  docs?: string;
  /** A whole message one side accepts and the other rejects, checked with ajv. */
  witness?: unknown;
  /** Where in `witness` the reader rejects it (RFC 6901). */
  witnessPointer?: string;
  /** Why there is no witness. */
  witnessReason?: string;
  consumers?: { serviceId: string; operationId: string; breaks: boolean; reason?: string }[];
}
