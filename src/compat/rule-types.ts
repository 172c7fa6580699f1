// What a compatibility rule is and what it sees: shared by the rules (src/compat/rules/) and the
// engine (src/compat/engine/), which receives the rules it runs. Neither imports the other.
import type { TypeComparison } from "./algebra/types.js";
import type { CompatRuleMeta } from "./rule-meta.js";
import type { At, SchemaObject } from "./schema-walk.js";
import type { CompatProfile } from "./subset-options.js";
import type { TemplateValues } from "./template.js";

/** One writer/reader schema pair at the same place, as a rule sees it. */
export interface Pair {
  /** The writer's and the reader's places: schema and pointer, `$ref`s followed. */
  readonly w: At;
  readonly r: At;
  /** Their schemas as compared (ajv's view of the keywords; unevaluated* read as additional* where exact). */
  readonly ws: SchemaObject;
  readonly rs: SchemaObject;
  /** Numbers: both sides admit integers only. */
  readonly integersOnly: boolean;
  readonly profile: CompatProfile;
  readonly compareFormat: boolean;
  /** LENIENT: writers send only the keys their schema declares. */
  readonly writerDeclaredKeysOnly: boolean;
}

/** Both places of a pair before its schemas are read (a `$ref` may not resolve, a schema may not be one). */
export interface Places {
  readonly w: At & { unresolved?: string };
  readonly r: At & { unresolved?: string };
}

/**
 * Where the engine asks rules, and what each place shows them. Guard sites (`document`, `reference`,
 * `reader`, `shape`) stop the comparison of the pair at the first rule that reports.
 */
export interface Sites {
  /** Each whole schema, before anything is compared: `side`'s schema at `root`, and its text when whole. */
  document: { side: "writer" | "reader"; root: unknown; schema: unknown; text: string | undefined };
  /** A pair whose `$ref` cannot be followed. */
  reference: Places;
  /** The reader's schema, before the pair is compared. */
  reader: Places;
  /** Both schemas as written (`true` or absent writer read as `{}`). */
  shape: Places & { readonly writer: unknown; readonly reader: unknown };
  /** Values the writer may send, each decided by ajv on both sides. */
  values: Places & { readonly values: readonly unknown[] };
  /** A reader that lists its values (enum/const) against a writer that does not. */
  listed: Pair;
  /** The reader's anyOf/oneOf: its branches (each with what beside it applies) and the first one that holds the writer (-1: none). */
  choice: Pair & {
    readonly keyword: "anyOf" | "oneOf";
    readonly branches: readonly At[];
    readonly fits: number;
  };
  not: Pair;
  /** The reader's if/then/else when the writer's `if` is not the same condition. */
  conditional: Pair;
  /** The JSON types each side accepts. */
  types: Pair & { readonly types: TypeComparison };
  /** Keyword sites: the pair's keywords of one JSON type, both sides accepting it. */
  string: Pair;
  number: Pair;
  array: Pair;
  object: Pair;
  /** Arrays, after their items were compared. */
  contains: Pair;
  /** Keys neither side declares: each side's schema for them, and whether the writer's fits the reader's. */
  additional: Pair & { readonly writerAdditional: At; readonly readerAdditional: At; readonly fits: boolean };
  dependencies: Pair;
  "property-names": Pair;
}

export type Site = keyof Sites;

/** Every site, in the order the engine reaches them for one pair. */
export const SITES = [
  "document",
  "reference",
  "reader",
  "shape",
  "values",
  "choice",
  "not",
  "conditional",
  "listed",
  "types",
  "string",
  "number",
  "array",
  "contains",
  "object",
  "additional",
  "dependencies",
  "property-names",
] as const satisfies readonly Site[];

export interface ReportOptions {
  /** Name of one of the rule's `messages` (default: its `message`). */
  template?: string;
  /** A value the writer accepts and the reader rejects here, where the rule knows one for certain. */
  witness?: unknown;
  /** Report at these places instead of the pair's. */
  at?: { w: At; r: At };
}

/** What a rule may do while it looks at a pair. */
export interface RuleContext {
  /** One finding of the rule: its template filled with `values`, at the pair's place. */
  report(values?: TemplateValues, options?: ReportOptions): void;
  /** An `unprovable` finding instead (never silence), with the named reason of the unprovable rule or its main message. */
  unprovable(reason?: string, values?: TemplateValues): void;
  /** Every value the writer's subschema `w` accepts is accepted by the reader's `r` (compared without reporting). */
  holds(w: At, r: At): boolean;
  /** The reverse: the reader's subschema `r` fits inside the writer's `w`, each judged in its own document. */
  holdsReversed(r: At, w: At): boolean;
  /** ajv's verdict on `value` under one side's subschema (undefined: it does not compile). */
  validates(side: "writer" | "reader", at: At, value: unknown): boolean | undefined;
  /** A place of one side with its `$ref` followed. */
  deref(side: "writer" | "reader", at: At): At & { unresolved?: string };
  readonly writerRoot: unknown;
  readonly readerRoot: unknown;
}

/** A compatibility rule: its metadata, the site where the engine asks it, and its check. */
export interface CompatRule<S extends Site = Site> extends CompatRuleMeta {
  readonly site: S;
  /**
   * Reader keywords the check looks for: the engine asks the rule only about pairs whose reader
   * schema has one of them (absent: every pair at its site).
   */
  readonly when?: readonly string[];
  check(view: Sites[S], ctx: RuleContext): void;
}

export type AnyCompatRule = { [S in Site]: CompatRule<S> }[Site];
