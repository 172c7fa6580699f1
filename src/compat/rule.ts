import type { SchemaNode } from "./normalise.js";
import type { CompatFinding, CompatProfile, JsonType, ResolvedCompatOptions } from "./types.js";

/** Static description of a compatibility rule: data, so docs and reports share it. */
export interface CompatRuleMeta {
  /** Stable kebab-case id; also the file name under src/compat/rules/. */
  id: string;
  description: string;
  /** Message template; `{name}` placeholders are filled from the finding's parameters. */
  message: string;
  /** Why it breaks consumers and how to make the change compatible. */
  hint: string;
  /**
   * `value`: runs once per compared (writer alternative, reader subschema) pair;
   * otherwise the JSON types of the writer slice the rule looks at (`any` = every type).
   */
  scope: "value" | "any" | readonly JsonType[];
  /** Profiles the rule runs in (default: all). */
  profiles?: readonly CompatProfile[];
}

/**
 * One way the writer's schema can be: the conjunction of `nodes`, after choosing one branch of
 * every writer anyOf/oneOf/if. Effective `types`/`enum` are precomputed.
 */
export interface WriterAlt {
  readonly key: string;
  readonly nodes: readonly SchemaNode[];
  readonly nots: readonly SchemaNode[];
  /** Branches taken through writer if/then/else, by the canonical key of the `if`. */
  readonly conditions: readonly { readonly ifKey: string | undefined; readonly branch: "then" | "else" }[];
  /** Sorted; `integer` only when every value of this alternative is integral. */
  readonly types: readonly JsonType[];
  readonly enum?: readonly unknown[];
}

/** The pair a rule looks at: a writer alternative restricted to one type, and one reader subschema. */
export interface RulePair {
  readonly writer: WriterAlt;
  /** The JSON type of the slice (for `value` rules: the first of the writer's types). */
  readonly type: JsonType;
  /** Only base keywords matter: the walker has already split `$ref`/allOf off the reader. */
  readonly reader: SchemaNode;
  readonly path: string;
}

export interface ReportInput {
  params?: Record<string, string | number>;
  /** Defaults to the reader node. */
  pointer?: string;
  schema?: "reader" | "writer";
  writerPointer?: string;
  readerPointer?: string;
  path?: string;
}

export interface RuleContext {
  readonly options: ResolvedCompatOptions;
  report(input: ReportInput): void;
  /** Passes findings of a nested comparison through unchanged. */
  forward(findings: readonly CompatFinding[]): void;
  /** Compares conjunctions of subschemas (writer ⊆ reader); `segment` extends the instance path. */
  compare(writer: readonly SchemaNode[], reader: readonly SchemaNode[], segment: string): CompatFinding[];
  /** Compares a writer alternative with a whole reader subschema (combinators included). */
  compareAlt(writer: WriterAlt, reader: SchemaNode): CompatFinding[];
  /** Restricts an alternative to one type. */
  slice(writer: WriterAlt, type: JsonType): WriterAlt;
  validate(node: SchemaNode, value: unknown): boolean | undefined;
  /** True only when no value of `writer` can be valid under `node`. */
  disjoint(writer: WriterAlt, node: SchemaNode): boolean;
  /** Writer's conjunction for one property name, honouring writersEmitDeclaredOnly. */
  writerSchemaForKey(writer: WriterAlt, key: string): readonly SchemaNode[];
}

export interface CompatRule extends CompatRuleMeta {
  check(pair: RulePair, ctx: RuleContext): void;
}

export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function defineRule(rule: CompatRule): CompatRule {
  return rule;
}

/** Writer's alternative nodes that carry a keyword (for writer pointers). */
export function writerPointerOf(writer: WriterAlt, keyword?: string): string {
  if (keyword !== undefined) {
    const node = writer.nodes.find((n) => n.has(keyword));
    if (node) return node.kw(keyword);
  }
  return writer.nodes[0]?.pointer ?? "";
}
