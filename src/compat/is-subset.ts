import { draftOf, type JsonSchemaDraft } from "../schema/ajv.js";
import { decycle } from "../schema/decycle.js";
import { hasPointer } from "../schema/pointer.js";
import { ajvView } from "./ajv-view.js";
import type { CompatFinding } from "./finding.js";
import { refersToItself } from "./ill-founded.js";
import {
  integerLower,
  integerUpper,
  type KeywordRule,
  type KeywordType,
  lower,
  num,
  recordOf,
  strings,
  upper,
} from "./keyword-rule.js";
import { mergeSchemas } from "./merge.js";
import { type CompatRuleId, KEYWORD_RULES } from "./registry.js";
import {
  ANNOTATIONS,
  type At,
  acceptsEverything,
  canonical,
  child,
  deref,
  finiteValues,
  isObject,
  type JsonType,
  normalForm,
  rejectsEverything,
  type SchemaObject,
  selfContained,
  typesOf,
} from "./schema-walk.js";
import type { CompatProfile, SubsetOptions } from "./subset-options.js";
import { unevaluatedInBranch } from "./unevaluated-in-branch.js";
import { validateSubschema } from "./validate-at.js";

export type { CompatProfile, SubsetOptions };

type KeywordRules = Readonly<Record<KeywordType, readonly KeywordRule[]>>;

/**
 * Is every instance valid under `writer` also valid under `reader`? Returns the reasons it may not
 * be (empty = proven compatible). Sound first: where the engine cannot prove inclusion it reports,
 * it never guesses "compatible". Recursive schemas are compared co-inductively.
 */
export function isSubset(
  writerIn: unknown,
  readerIn: unknown,
  options: SubsetOptions = {},
  writerRootIn?: unknown,
  readerRootIn?: unknown,
): CompatFinding[] {
  // Whole schemas may be the parser's resolved graphs, in which a recursive schema is a cycle: turn
  // cycles into local $refs here, once, rather than in every caller. Subschemas come with their roots.
  const writer = writerRootIn === undefined ? decycle(writerIn) : writerIn;
  const reader = readerRootIn === undefined ? decycle(readerIn) : readerIn;
  const writerRoot = writerRootIn ?? writer;
  const readerRoot = readerRootIn ?? reader;
  const resolved: SubsetOptions = {
    ...options,
    compareFormat: options.compareFormat ?? options.profile !== "confluent",
  };
  const wholeDocuments = writer === writerRoot && reader === readerRoot;
  const texts = wholeDocuments ? ([canonical(writer), canonical(reader)] as const) : undefined;
  // The same document read the same way: equal even where a $ref cannot be followed.
  if (texts && texts[0] === texts[1]) return [];
  // Schemas on which ajv's validator throws at run time: no claim about the values they accept holds.
  // ajv recurses without end on a schema that refers to itself in place (only a `$ref` can close such
  // a loop in a JSON document), and can fail on unevaluated* inside a conditional branch.
  for (const [i, side, root, schema] of [
    [0, "writer", writerRoot, writer],
    [1, "reader", readerRoot, reader],
  ] as const) {
    const mentions = (text: string) => !texts || texts[i].includes(text);
    const why =
      mentions('"$ref"') && refersToItself(root, schema)
        ? "refers to itself without descending into the instance"
        : mentions('"unevaluated') && unevaluatedInBranch(root, schema)
          ? "has unevaluatedProperties/unevaluatedItems inside a then/else, which ajv can fail on at run time"
          : undefined;
    if (why)
      return [
        { ruleId: "unprovable", message: `the ${side} schema ${why}`, writerPointer: "", readerPointer: "" },
      ];
  }
  const cx = new Comparison(writerRoot, readerRoot, resolved, KEYWORD_RULES);
  cx.sub({ schema: writer, pointer: "" }, { schema: reader, pointer: "" });
  return cx.findings;
}

class Comparison {
  readonly findings: CompatFinding[] = [];
  /** Pairs being compared, by key, with their depth on the stack (co-induction). */
  private readonly inProgress = new Map<string, number>();
  private readonly done = new Map<string, CompatFinding[]>();
  /** The shallowest in-progress pair the running comparison assumed to hold (Infinity: none). */
  private assumed = Number.POSITIVE_INFINITY;
  private readonly contentIds = new WeakMap<object, number>();
  private readonly contentTexts = new Map<string, number>();
  private mirror: Comparison | undefined;
  private readonly writerDraft: JsonSchemaDraft;
  private readonly readerDraft: JsonSchemaDraft;

  constructor(
    readonly writerRoot: unknown,
    readonly readerRoot: unknown,
    readonly options: SubsetOptions,
    /** The keyword rules the engine runs, by the JSON type they compare (the registry's, from isSubset). */
    private readonly rules: KeywordRules,
  ) {
    this.writerDraft = draftOf(writerRoot);
    this.readerDraft = draftOf(readerRoot);
  }

  private get confluent(): boolean {
    return this.options.profile === "confluent";
  }

  /** The same roots the other way round: for a reader subschema that must fit inside a writer's. */
  private reversed(): Comparison {
    if (!this.mirror) {
      this.mirror = new Comparison(this.readerRoot, this.writerRoot, this.options, this.rules);
      this.mirror.mirror = this;
    }
    return this.mirror;
  }

  private report(ruleId: CompatRuleId, message: string, w: At, r: At, witness?: unknown): void {
    const f: CompatFinding = {
      ruleId,
      message,
      writerPointer: existingPointer(this.writerRoot, w.pointer),
      readerPointer: existingPointer(this.readerRoot, r.pointer),
    };
    if (witness !== undefined) f.witness = witness;
    this.findings.push(f);
  }

  /** Runs a comparison without reporting: true when it would find nothing. */
  holds(w: At, r: At): boolean {
    const saved = this.findings.length;
    this.sub(w, r);
    const ok = this.findings.length === saved;
    this.findings.length = saved;
    return ok;
  }

  /** Both schemas accept the same values (each compared in its own root). */
  private equivalent(w: At, r: At): boolean {
    return this.holds(w, r) && this.reversed().holds(r, w);
  }

  /**
   * A number naming a schema's content: equal content (within one root) means equal meaning, wherever
   * it sits and whichever object holds it.
   */
  private contentId(schema: unknown): string {
    if (!isObject(schema)) return canonical(schema);
    let id = this.contentIds.get(schema);
    if (id === undefined) {
      const text = canonical(schema);
      id = this.contentTexts.get(text);
      if (id === undefined) {
        id = this.contentTexts.size;
        this.contentTexts.set(text, id);
      }
      this.contentIds.set(schema, id);
    }
    return `#${id}`;
  }

  sub(wIn: At, rIn: At): void {
    const w = deref(this.writerRoot, wIn);
    const r = deref(this.readerRoot, rIn);
    const ignoreFormat = this.options.compareFormat === false;
    if (acceptsEverything(r.schema, ignoreFormat) && !r.unresolved) return;
    if (rejectsEverything(w.schema)) return;
    if (w.unresolved || r.unresolved) {
      this.report("ref-unresolvable", `cannot follow $ref "${w.unresolved ?? r.unresolved}"`, w, r);
      return;
    }
    // Keyed by content (and place, which findings name): two uses of one definition, or two schemas
    // the engine built at one place, are different pairs however alike their places or lengths.
    const key = `${w.pointer}\u0000${r.pointer}\u0000${this.contentId(w.schema)}\u0000${this.contentId(r.schema)}`;
    if (this.inProgress.size >= MAX_NESTING) {
      // Only schemas that refer to themselves without descending into the instance get this deep.
      this.report("unprovable", "the schemas nest too deeply to compare", w, r);
      return;
    }
    const depth = this.inProgress.get(key);
    if (depth !== undefined) {
      // Co-induction: assume the recursive pair holds; whatever relies on that is provisional.
      this.assumed = Math.min(this.assumed, depth);
      return;
    }
    const cached = this.done.get(key);
    if (cached) {
      this.findings.push(...cached);
      return;
    }
    const level = this.inProgress.size;
    this.inProgress.set(key, level);
    const outer = this.assumed;
    this.assumed = Number.POSITIVE_INFINITY;
    const before = this.findings.length;
    this.compare(w, r);
    this.inProgress.delete(key);
    const found = this.findings.slice(before);
    // A pass that assumed an enclosing pair still in progress holds only if that pair does: not cached,
    // or a speculative comparison that later fails that pair would leave it behind as proven.
    const provisional = this.assumed < level && found.length === 0;
    if (!provisional) this.done.set(key, found);
    this.assumed = Math.min(outer, this.assumed < level ? this.assumed : Number.POSITIVE_INFINITY);
  }

  /** A subschema as ajv reads it (semantic profile): keywords its draft lacks and no-op ones dropped. */
  private view(s: SchemaObject, draft: JsonSchemaDraft): SchemaObject {
    return this.confluent ? s : ajvView(s, draft);
  }

  private compare(wAt: At, rAt: At): void {
    let w = wAt;
    let r = rAt;
    if (rejectsEverything(r.schema)) {
      this.report("schema-rejects-everything", "the reader accepts no value at all", w, r);
      return;
    }
    if (selfContained(w.schema) && selfContained(r.schema) && normalForm(w.schema) === normalForm(r.schema))
      return;
    const wRaw = w.schema === true || w.schema === undefined ? {} : w.schema;
    const rRaw = r.schema;
    if (!isObject(wRaw) || !isObject(rRaw)) {
      this.report("schema-invalid", "not a schema", w, r);
      return;
    }
    for (const kw of DYNAMIC_REFS) {
      if (kw in wRaw || kw in rRaw) {
        this.report("unprovable", `\`${kw}\` is not compared`, w, r);
        return;
      }
    }
    const ws = evaluatedAsAdditional(this.view(wRaw, this.writerDraft));
    const rs = evaluatedAsAdditional(this.view(rRaw, this.readerDraft));
    // Children are read from the rewritten schemas (their pointers name the unevaluated* keyword's place).
    w = { schema: ws, pointer: w.pointer };
    r = { schema: rs, pointer: r.pointer };
    // A writer whose own bounds contradict each other for every type it allows sends nothing.
    if (!this.confluent && acceptsNothing(ws)) return;

    // Writer disjunctions: every alternative must be readable.
    for (const kw of ["anyOf", "oneOf"] as const) {
      if (Array.isArray(ws[kw])) {
        const base = without(ws, kw);
        (ws[kw] as unknown[]).forEach((_, i) => {
          this.sub(writerBranch(base, child(w, kw, i), this.writerRoot), r);
        });
        return;
      }
    }
    // Writer conjunctions: merge what merges; dropping a writer constraint only widens the writer (sound).
    if (Array.isArray(ws.allOf)) {
      const merged = mergeAllOf(w, ws, this.writerRoot);
      this.sub(merged, r);
      return;
    }

    // Reader conjunctions: each member in full, then the rest.
    if (Array.isArray(rs.allOf)) {
      (rs.allOf as unknown[]).forEach((_, i) => {
        this.sub(w, child(r, "allOf", i));
      });
      this.sub(w, {
        schema: this.confluent ? without(rs, "allOf") : evaluatedByAllOf(r, rs, this.readerRoot),
        pointer: r.pointer,
      });
      return;
    }

    // A writer with finitely many values is decided exactly, value by value, against the whole reader
    // at this place (every keyword beside its combinators, $ref targets and siblings alike), by ajv.
    const values = finiteValues(ws);
    if (values) {
      this.finite(values, { schema: wRaw, pointer: wAt.pointer }, rAt);
      return;
    }
    // A writer of several types against a reader's choice: each type may be read by another branch
    // (`type: [string, "null"]` against `anyOf: [{type: string}, {type: "null"}]`).
    if (
      !this.confluent &&
      (Array.isArray(rs.anyOf) || Array.isArray(rs.oneOf)) &&
      Array.isArray(ws.type) &&
      ws.type.length > 1
    ) {
      for (const t of ws.type) this.sub({ schema: { ...ws, type: t }, pointer: w.pointer }, r);
      return;
    }
    if (Array.isArray(rs.anyOf)) {
      this.readerChoice(w, r, rs, "anyOf");
      return;
    }
    if (Array.isArray(rs.oneOf)) {
      this.readerChoice(w, r, rs, "oneOf");
      return;
    }
    if (rs.not !== undefined) {
      const n = deref(this.readerRoot, child(r, "not"));
      // ¬A ⊆ ¬B exactly when B ⊆ A: the reader's negated schema must fit inside the writer's, each
      // judged in its own document.
      const negations = ws.not !== undefined && this.reversed().holds(child(r, "not"), child(w, "not"));
      if (!negations && !disjoint(ws, n.schema, this.writerRoot, this.readerRoot)) {
        this.report("not-overlaps", "the reader excludes values (`not`) that the writer may send", w, r);
      }
      this.sub(w, { schema: without(rs, "not"), pointer: r.pointer });
      return;
    }
    if (rs.if !== undefined && this.confluent) {
      this.sub(w, { schema: without(rs, "if", "then", "else"), pointer: r.pointer });
      return;
    }
    if (rs.if !== undefined && (rs.then !== undefined || rs.else !== undefined)) {
      const base = without(ws, "if", "then", "else");
      // The same condition by meaning, not by text: a `$ref` may read the same and point elsewhere.
      if (ws.if !== undefined && this.equivalent(child(w, "if"), child(r, "if"))) {
        // Same condition: values taking each branch must satisfy the reader's branch.
        for (const branch of ["then", "else"] as const) {
          if (rs[branch] === undefined) continue;
          const wBranch =
            ws[branch] === undefined
              ? { schema: base, pointer: w.pointer }
              : writerBranch(base, child(w, branch), this.writerRoot);
          this.sub(wBranch, child(r, branch));
        }
      } else if (!this.satisfiesBothBranches(w, r, rs)) {
        this.report("conditional-changed", "the reader applies an if/then/else the writer does not", w, r);
      }
      this.sub(
        { schema: base, pointer: w.pointer },
        { schema: without(rs, "if", "then", "else"), pointer: r.pointer },
      );
      return;
    }

    if (finiteValues(rs)) {
      // An integer range against listed values (`minimum: 1, maximum: 3` against `enum: [1, 2, 3]`):
      // each integer in the range, as few as they are, is decided like a listed writer value.
      const range = this.confluent ? undefined : (integerRange(ws) ?? valuesOfType(ws));
      if (range) {
        this.finite(range, { schema: wRaw, pointer: wAt.pointer }, rAt);
        return;
      }
      this.report(
        "enum-added",
        "the reader only accepts listed values (enum/const) that the writer does not limit to",
        w,
        r,
      );
      return;
    }

    this.compareTypes(w, r, ws, rs);
  }

  /**
   * Every writer value satisfies whichever branch of the reader's conditional it takes, because it
   * satisfies both (an absent branch asks nothing): the condition then does not matter.
   */
  private satisfiesBothBranches(w: At, r: At, rs: SchemaObject): boolean {
    if (this.confluent) return false;
    const base = { schema: without(w.schema as SchemaObject, "if", "then", "else"), pointer: w.pointer };
    return (["then", "else"] as const).every((b) => rs[b] === undefined || this.holds(base, child(r, b)));
  }

  /**
   * Each value the writer may send (its own ajv check, against the whole writer at this place) must
   * be accepted by ajv under the whole reader here, with the formats the runtime checks.
   */
  private finite(values: readonly unknown[], w: At, r: At): void {
    const formats = this.options.compareFormat !== false;
    for (const v of values) {
      if (validateSubschema(this.writerRoot, w, v, formats) === false) continue; // the writer cannot send it either
      const ok = validateSubschema(this.readerRoot, r, v, formats);
      if (ok === false)
        this.report("enum-value-rejected", `the reader rejects the value ${canonical(v)}`, w, r, v);
      if (ok === undefined) this.report("unprovable", "the reader schema could not be compiled", w, r);
    }
  }

  private readerChoice(w: At, r: At, rs: SchemaObject, kw: "anyOf" | "oneOf"): void {
    const base = without(rs, kw);
    const branches = (rs[kw] as unknown[]).map((_, i) =>
      readerBranch(r, base, child(r, kw, i), this.readerRoot),
    );
    const fits = branches.findIndex((b) => this.holds(w, b));
    if (fits === -1) {
      this.report(
        kw === "anyOf" ? "anyof-no-branch" : "oneof-no-branch",
        `no ${kw} branch of the reader accepts everything the writer sends`,
        w,
        r,
      );
      return;
    }
    if (kw === "oneOf" && !this.confluent) {
      branches.forEach((b, j) => {
        if (j === fits) return;
        const other = deref(this.readerRoot, b);
        if (!disjoint(w.schema, other.schema, this.writerRoot, this.readerRoot)) {
          this.report(
            "oneof-overlap",
            `a writer value may match oneOf branches ${fits} and ${j} of the reader, and oneOf rejects a value that matches two`,
            w,
            r,
          );
        }
      });
    }
  }

  private compareTypes(w: At, r: At, ws: SchemaObject, rs: SchemaObject): void {
    const tw = typesOf(ws);
    const tr = typesOf(rs);
    const shared = new Set<JsonType>();
    const refused: JsonType[] = [];
    for (const t of tw) {
      if (tr.has(t)) shared.add(t);
      // ajv accepts a number under `multipleOf: 1` only when it is an integer below 1e21.
      else if (t === "number" && tr.has("integer") && ws.multipleOf === 1 && !this.confluent) continue;
      else if (t === "number" && tr.has("integer")) {
        this.report(
          "type-narrowed",
          "the writer may send non-integer numbers; the reader accepts only integers",
          w,
          r,
          0.5,
        );
      } else if (t !== "integer" || !tw.has("number")) {
        refused.push(t);
      }
    }
    if (refused.length > 0) {
      const accepted = [...tr].filter((t) => t !== "integer" || !tr.has("number"));
      this.report(
        "type-narrowed",
        `the writer may send ${list(refused)}; the reader accepts only ${list(accepted)}`,
        w,
        r,
      );
    }
    if (shared.has("string")) this.keywords("string", w, r, ws, rs);
    if (shared.has("number") || shared.has("integer"))
      this.keywords("number", w, r, ws, rs, !shared.has("number"));
    if (shared.has("array")) this.arrays(w, r, ws, rs);
    if (shared.has("object")) this.objects(w, r, ws, rs);
  }

  /** The keyword rules of `type` (src/compat/rules/), each reporting at this pair's place. */
  private keywords(
    type: KeywordType,
    w: At,
    r: At,
    ws: SchemaObject,
    rs: SchemaObject,
    integersOnly = false,
  ) {
    const pair = {
      ws,
      rs,
      integersOnly,
      profile: this.options.profile ?? "semantic",
      compareFormat: this.options.compareFormat !== false,
    };
    for (const rule of this.rules[type])
      rule.check(pair, (message, witness, ruleId) =>
        this.report((ruleId ?? rule.id) as CompatRuleId, message, w, r, witness),
      );
  }

  private arrays(w: At, r: At, ws: SchemaObject, rs: SchemaObject): void {
    this.keywords("array", w, r, ws, rs);
    const wMax = num(ws.maxItems) ?? Number.POSITIVE_INFINITY;
    const wt = tupleOf(w, ws, this.confluent);
    const rt = tupleOf(r, rs, this.confluent);
    const n = Math.max(wt.prefix.length, rt.prefix.length);
    for (let i = 0; i < n; i++) {
      // Positions beyond the writer's maxItems are never sent.
      if (i >= wMax) break;
      this.sub(wt.prefix[i] ?? wt.rest, rt.prefix[i] ?? rt.rest);
    }
    if (wMax > n) this.sub(wt.rest, rt.rest);
    // Beside applicators, unevaluatedItems was not rewritten: the items after the reader's own
    // prefixItems are taken as unevaluated, which ignores what the applicators evaluate (a narrower
    // reader: sound). With `items`, every item is evaluated and it does nothing.
    if (
      rs.unevaluatedItems !== undefined &&
      rs.items === undefined &&
      !acceptsEverything(rs.unevaluatedItems, true)
    ) {
      const unevaluated = child(r, "unevaluatedItems");
      for (let i = rt.prefix.length; i < n && i < wMax; i++) this.sub(wt.prefix[i] ?? wt.rest, unevaluated);
      if (wMax > n) this.sub(wt.rest, unevaluated);
    }
    if (rs.contains !== undefined) {
      const rMinC = num(rs.minContains) ?? 1;
      const wMinC = num(ws.minContains) ?? 1;
      if (
        ws.contains === undefined ||
        wMinC < rMinC ||
        !this.holds(child(w, "contains"), child(r, "contains"))
      ) {
        this.report(
          "contains-changed",
          "the reader requires items (`contains`) the writer does not guarantee",
          w,
          r,
        );
      }
    }
    if (rs.maxContains !== undefined) {
      const rMaxC = num(rs.maxContains) ?? Number.POSITIVE_INFINITY;
      const wMaxC = num(ws.maxContains) ?? Number.POSITIVE_INFINITY;
      // Items matching the reader's `contains` are at most those matching the writer's when the
      // reader's fits inside the writer's (compared by meaning: equal text may name another target).
      if (
        ws.contains === undefined ||
        wMaxC > rMaxC ||
        !this.reversed().holds(child(r, "contains"), child(w, "contains"))
      ) {
        this.report("contains-changed", `the reader allows at most ${rMaxC} matching items`, w, r);
      }
    }
  }

  private objects(w: At, r: At, ws: SchemaObject, rs: SchemaObject): void {
    this.keywords("object", w, r, ws, rs);

    const wProps = isObject(ws.properties) ? ws.properties : {};
    const rProps = isObject(rs.properties) ? rs.properties : {};
    const declaredOnly = this.options.writerDeclaredKeysOnly === true;
    for (const name of sortedUnion(Object.keys(wProps), Object.keys(rProps))) {
      const wp = writerValueSchema(w, ws, name, declaredOnly);
      if (!wp) continue; // the writer never sends this key
      const rps = valueSchemas(r, rs, name);
      if (rps === undefined) {
        this.report("unprovable", "a reader patternProperties key is not a valid regular expression", w, r);
        continue;
      }
      for (const rp of rps) this.sub(wp, rp);
    }
    this.undeclaredKeys(w, r, ws, rs, declaredOnly);
    this.dependencies(w, r, ws, rs);
    if (!this.confluent && rs.propertyNames !== undefined && !acceptsEverything(rs.propertyNames, true)) {
      if (
        !this.namesAccepted(w, r, ws) &&
        (ws.propertyNames === undefined || !this.holds(child(w, "propertyNames"), child(r, "propertyNames")))
      ) {
        this.report("property-names-changed", "the reader restricts property names (`propertyNames`)", w, r);
      }
    }
    if (rs.unevaluatedProperties !== undefined && !acceptsEverything(rs.unevaluatedProperties, true)) {
      // Beside applicators, the reader's unevaluatedProperties is taken as its additionalProperties,
      // which ignores what they evaluate (a narrower reader: sound). The writer's is not: it would
      // narrow the writer (an unevaluatedProperties left here sits beside applicators or an
      // additionalProperties, which then decides).
      this.sub(
        { schema: without(ws, "unevaluatedProperties"), pointer: w.pointer },
        {
          schema: { ...without(rs, "unevaluatedProperties"), additionalProperties: rs.unevaluatedProperties },
          pointer: r.pointer,
        },
      );
    }
  }

  /** Keys neither side declares: the writer's open model against the reader's. */
  private undeclaredKeys(w: At, r: At, ws: SchemaObject, rs: SchemaObject, declaredOnly: boolean): void {
    const wPatterns = isObject(ws.patternProperties) ? ws.patternProperties : {};
    const rPatterns = isObject(rs.patternProperties) ? rs.patternProperties : {};
    const wAdditional = additionalAt(w, ws);
    const rAdditional = additionalAt(r, rs);
    for (const p of Object.keys(rPatterns)) {
      const rp = child(r, "patternProperties", p);
      // A key matching a pattern the writer has too (same text) is held to at least that writer schema.
      if (p in wPatterns) {
        this.sub(child(w, "patternProperties", p), rp);
        continue;
      }
      // Otherwise the key's writer schema is its additionalProperties, or the conjunction of the
      // writer patterns it matches: each writer pattern that may match such a key must fit.
      if (!declaredOnly) this.sub(wAdditional, rp);
      for (const q of Object.keys(wPatterns))
        if (!disjointPatterns(p, q)) this.sub(child(w, "patternProperties", q), rp);
    }
    for (const p of Object.keys(wPatterns)) {
      if (p in rPatterns) continue;
      this.sub(child(w, "patternProperties", p), rAdditional);
    }
    if (declaredOnly) return;
    if (!this.holds(wAdditional, rAdditional)) {
      const closing = acceptsEverything(wAdditional.schema, true) && rejectsEverything(rAdditional.schema);
      this.report(
        closing ? "additional-properties-closed" : "additional-properties-narrowed",
        closing
          ? "the reader closes the content model (additionalProperties: false) but the writer's is open"
          : "the reader restricts properties the writer does not declare (additionalProperties)",
        wAdditional,
        rAdditional,
      );
    }
  }

  /** A closed writer sends only the names it declares: each is checked by ajv against the reader's `propertyNames`. */
  private namesAccepted(w: At, r: At, ws: SchemaObject): boolean {
    if (ws.patternProperties !== undefined || !rejectsEverything(additionalAt(w, ws).schema)) return false;
    const names = Object.keys(isObject(ws.properties) ? ws.properties : {});
    const at = deref(this.readerRoot, child(r, "propertyNames"));
    return names.every(
      (n) => validateSubschema(this.readerRoot, at, n, this.options.compareFormat !== false) === true,
    );
  }

  private dependencies(w: At, r: At, ws: SchemaObject, rs: SchemaObject): void {
    const wDeps = { ...recordOf(ws.dependencies), ...recordOf(ws.dependentRequired) };
    const wRequired = new Set(strings(ws.required));
    // Both reader keywords apply when both are written: neither record may hide the other's entry.
    const rDeps = [
      ...Object.entries(recordOf(rs.dependencies)),
      ...Object.entries(recordOf(rs.dependentRequired)),
    ];
    const never = (key: string) =>
      !this.confluent && neverSends(w, ws, key, this.options.writerDeclaredKeysOnly === true);
    for (const [key, need] of rDeps) {
      if (never(key)) continue;
      if (Array.isArray(need)) {
        const have = new Set([...strings(wDeps[key]), ...wRequired]);
        const missing = strings(need).filter((n) => !have.has(n));
        if (missing.length > 0) {
          this.report(
            "dependent-required-added",
            `the reader requires ${missing.join(", ")} whenever "${key}" is present`,
            w,
            r,
          );
        }
      }
    }
    const wSchemas = { ...schemaDeps(ws.dependencies), ...recordOf(ws.dependentSchemas) };
    for (const rKw of ["dependencies", "dependentSchemas"] as const) {
      const rSchemas = rKw === "dependencies" ? schemaDeps(rs.dependencies) : recordOf(rs.dependentSchemas);
      for (const key of Object.keys(rSchemas)) {
        if (never(key)) continue;
        const wKw =
          isObject(ws.dependentSchemas) && key in ws.dependentSchemas ? "dependentSchemas" : "dependencies";
        if (!(key in wSchemas) || !this.holds(child(w, wKw, key), child(r, rKw, key))) {
          this.report(
            "dependent-schema-changed",
            `the reader applies a schema whenever "${key}" is present`,
            w,
            r,
          );
        }
      }
    }
  }
}

/**
 * The reader without its `allOf`, its members' values having been compared: when beside it an
 * `unevaluatedProperties` decides the keys no member evaluates, those keys are known exactly if every
 * member is a plain object schema (`properties`/`patternProperties`, no applicator of its own), and the
 * rest becomes an `additionalProperties` beside them (each such key's value accepting anything: the
 * member compared it). Otherwise the rest as is (a narrower reader: sound).
 */
function evaluatedByAllOf(r: At, rs: SchemaObject, root: unknown): SchemaObject {
  const rest = without(rs, "allOf");
  if (rs.additionalProperties !== undefined) return rest;
  if (rs.unevaluatedProperties === undefined || APPLICATORS.some((k) => k !== "allOf" && k in rs))
    return rest;
  const properties: SchemaObject = { ...(isObject(rs.properties) ? rs.properties : {}) };
  const patternProperties: SchemaObject = { ...(isObject(rs.patternProperties) ? rs.patternProperties : {}) };
  for (let i = 0; i < (rs.allOf as unknown[]).length; i++) {
    const m = deref(root, child(r, "allOf", i));
    if (m.unresolved || !isObject(m.schema)) return rest;
    const member = m.schema;
    // A member with applicators or its own additional*/unevaluated* evaluates keys by instance.
    if (APPLICATORS.some((k) => k in member)) return rest;
    if (member.additionalProperties !== undefined || member.unevaluatedProperties !== undefined) return rest;
    for (const k of Object.keys(isObject(member.properties) ? member.properties : {})) properties[k] ??= {};
    for (const k of Object.keys(isObject(member.patternProperties) ? member.patternProperties : {}))
      patternProperties[k] ??= {};
  }
  const out: SchemaObject = {
    ...without(rest, "unevaluatedProperties"),
    additionalProperties: rs.unevaluatedProperties,
  };
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (Object.keys(patternProperties).length > 0) out.patternProperties = patternProperties;
  return out;
}

/**
 * The writer never sends `key`: a closed model (no pattern, additionalProperties false) that does
 * not declare it, a declaration that accepts no value, or LENIENT and undeclared.
 */
function neverSends(w: At, ws: SchemaObject, key: string, declaredOnly: boolean): boolean {
  const props = isObject(ws.properties) ? ws.properties : {};
  if (key in props) return rejectsEverything(props[key]);
  if (isObject(ws.patternProperties) && Object.keys(ws.patternProperties).length > 0) return false;
  return declaredOnly || rejectsEverything(additionalAt(w, ws).schema);
}

/** Integers a writer of `type: integer` with both bounds may send, when they are few (each is then checked by ajv). */
function integerRange(ws: SchemaObject): number[] | undefined {
  if (ws.type !== "integer") return undefined;
  const lo = lower(ws);
  const hi = upper(ws);
  if (!lo || !hi) return undefined;
  const from = integerLower(lo);
  const to = integerUpper(hi);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to - from >= 256) return undefined;
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** The values of a writer whose type has only a few (`null`, `boolean`): each is then checked by ajv. */
function valuesOfType(ws: SchemaObject): unknown[] | undefined {
  if (ws.type === "null") return [null];
  if (ws.type === "boolean") return [true, false];
  return undefined;
}

/** A schema whose own bounds contradict each other for every type its `type` keyword allows. */
function acceptsNothing(s: SchemaObject): boolean {
  if (s.type === undefined) return false;
  const types = typesOf(s);
  if (types.size === 0) return false;
  const lo = lower(s);
  const hi = upper(s);
  const dead = (t: JsonType): boolean => {
    switch (t) {
      case "string":
        return (num(s.minLength) ?? 0) > (num(s.maxLength) ?? Number.POSITIVE_INFINITY);
      case "integer":
        return !!lo && !!hi && integerLower(lo) > integerUpper(hi);
      case "number":
        return (
          !!lo && !!hi && (lo.value > hi.value || (lo.value === hi.value && (lo.exclusive || hi.exclusive)))
        );
      case "array":
        return (num(s.minItems) ?? 0) > (num(s.maxItems) ?? Number.POSITIVE_INFINITY);
      case "object": {
        const max = num(s.maxProperties) ?? Number.POSITIVE_INFINITY;
        return (num(s.minProperties) ?? 0) > max || new Set(strings(s.required)).size > max;
      }
      default:
        return false;
    }
  };
  return [...types].every(dead);
}

/**
 * Findings must point at something in the document. unevaluated* is compared as additional*, so
 * map those pointers back; otherwise fall back to the nearest existing ancestor.
 */
function existingPointer(root: unknown, pointer: string): string {
  if (hasPointer(root, pointer)) return pointer;
  for (const [from, to] of [
    ["/additionalProperties", "/unevaluatedProperties"],
    ["/items", "/unevaluatedItems"],
  ] as const) {
    const at = pointer.lastIndexOf(from);
    if (at < 0) continue;
    const candidate = pointer.slice(0, at) + to + pointer.slice(at + from.length);
    if (hasPointer(root, candidate)) return candidate;
  }
  let p = pointer;
  while (p !== "" && !hasPointer(root, p)) p = p.slice(0, p.lastIndexOf("/"));
  return p;
}

function list(types: readonly string[]): string {
  const words = types.map((t) => (t === "null" ? "null" : `${/^[aeiou]/.test(t) ? "an" : "a"} ${t}`));
  return words.length <= 1 ? (words[0] ?? "nothing") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function without(s: SchemaObject, ...keys: string[]): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function schemaDeps(v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(recordOf(v))) if (!Array.isArray(d)) out[k] = d;
  return out;
}

function sortedUnion(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** Items by position (`prefixItems`, or draft-07 array `items`) and the schema for the rest. */
function tupleOf(at: At, s: SchemaObject, confluent: boolean): { prefix: At[]; rest: At } {
  if (Array.isArray(s.prefixItems)) {
    return {
      prefix: s.prefixItems.map((_, i) => child(at, "prefixItems", i)),
      rest: s.items !== undefined ? child(at, "items") : { schema: true, pointer: at.pointer },
    };
  }
  if (Array.isArray(s.items)) {
    return {
      prefix: s.items.map((_, i) => child(at, "items", i)),
      rest:
        s.additionalItems !== undefined
          ? child(at, "additionalItems")
          : { schema: true, pointer: at.pointer },
    };
  }
  // Draft-07 ignores additionalItems without array-form items; Confluent's checker compares it anyway.
  const rest =
    s.items !== undefined
      ? child(at, "items")
      : confluent && s.additionalItems !== undefined
        ? child(at, "additionalItems")
        : { schema: true, pointer: at.pointer };
  return { prefix: [], rest };
}

function additionalAt(at: At, s: SchemaObject): At {
  return s.additionalProperties !== undefined
    ? child(at, "additionalProperties")
    : { schema: true, pointer: at.pointer };
}

/**
 * Every schema a value under key `name` must match: its `properties` entry and every
 * `patternProperties` entry whose pattern matches the name (patterns apply to declared names too),
 * else `additionalProperties`. Undefined when a pattern is not a regular expression ajv could use.
 */
function valueSchemas(at: At, s: SchemaObject, name: string): At[] | undefined {
  const out: At[] = [];
  if (isObject(s.properties) && name in s.properties) out.push(child(at, "properties", name));
  if (isObject(s.patternProperties)) {
    for (const p of Object.keys(s.patternProperties)) {
      const re = patternOf(p);
      if (re === undefined) return undefined;
      if (re.test(name)) out.push(child(at, "patternProperties", p));
    }
  }
  return out.length > 0 ? out : [additionalAt(at, s)];
}

/**
 * The writer's schema for the values under key `name`: the conjunction of those that apply, or
 * undefined when `declaredOnly` and nothing declares the key. A pattern that is no regular
 * expression is left out (a wider writer).
 */
function writerValueSchema(at: At, s: SchemaObject, name: string, declaredOnly: boolean): At | undefined {
  const all: At[] = [];
  if (isObject(s.properties) && name in s.properties) all.push(child(at, "properties", name));
  if (isObject(s.patternProperties)) {
    for (const p of Object.keys(s.patternProperties))
      if (patternOf(p)?.test(name)) all.push(child(at, "patternProperties", p));
  }
  if (all.length === 0) return declaredOnly ? undefined : additionalAt(at, s);
  if (all.length === 1) return all[0];
  return { schema: { allOf: all.map((a) => a.schema) }, pointer: all[0]!.pointer };
}

const patterns = new Map<string, RegExp | undefined>();

/** A `patternProperties` key as ajv compiles it (unicode), cached; undefined when it is invalid. */
function patternOf(p: string): RegExp | undefined {
  if (!patterns.has(p)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(p, "u");
    } catch {
      re = undefined;
    }
    patterns.set(p, re);
  }
  return patterns.get(p);
}

/**
 * Two patterns no key can match both of: both anchored (`^`) with literal prefixes neither of which
 * starts the other. Anything else may overlap.
 */
function disjointPatterns(p: string, q: string): boolean {
  const literal = (s: string): string | undefined => {
    if (!s.startsWith("^")) return undefined;
    const m = /^\^([A-Za-z0-9_\- ]*)/.exec(s);
    // A literal followed by a quantifier does not have to appear as written.
    const prefix = m?.[1] ?? "";
    const next = s[1 + prefix.length];
    return next !== undefined && "?*{".includes(next) ? prefix.slice(0, -1) : prefix;
  };
  const a = literal(p);
  const b = literal(q);
  if (a === undefined || b === undefined) return false;
  return !a.startsWith(b) && !b.startsWith(a);
}

/**
 * A writer's `base` (the schema around its anyOf/oneOf, or beside its if/then/else) conjoined with
 * one branch: merged where they merge, else the branch alone (a wider writer: sound).
 */
function writerBranch(base: SchemaObject, branch: At, root: unknown): At {
  const b = deref(root, branch);
  if (!isObject(b.schema)) return b;
  const merged = mergeSchemas([stripAnnotations(base), b.schema]);
  return merged ? { schema: merged, pointer: b.pointer } : b;
}

/**
 * A reader's `base` conjoined with one branch of its anyOf/oneOf: merged only where the merge accepts
 * exactly what both do, else both as an allOf, compared member by member. Never the branch alone:
 * a keyword beside the combinator still applies (a narrower reader must stay narrower).
 */
function readerBranch(r: At, base: SchemaObject, branch: At, root: unknown): At {
  const b = deref(root, branch);
  const core = stripAnnotations(base);
  if (Object.keys(core).length === 0) return b;
  if (isObject(b.schema)) {
    const merged = mergeSchemas([core, b.schema], true);
    if (merged) return { schema: merged, pointer: b.pointer };
  }
  return { schema: { allOf: [core, b.schema] }, pointer: r.pointer };
}

function stripAnnotations(s: SchemaObject): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) if (!ANNOTATIONS.has(k) && !k.startsWith("x-")) out[k] = v;
  return out;
}

function mergeAllOf(w: At, ws: SchemaObject, root: unknown): At {
  const members = (ws.allOf as unknown[]).map((_, i) => deref(root, child(w, "allOf", i)).schema);
  const merged = mergeSchemas([without(ws, "allOf"), ...members]);
  if (merged) return { schema: merged, pointer: w.pointer };
  // Could not merge: drop the members (widening the writer is sound).
  return { schema: without(ws, "allOf"), pointer: w.pointer };
}

/**
 * Conservative disjointness: true only when no value can satisfy both (different types, disjoint
 * const/enum sets, or a required property whose allowed constants are disjoint).
 */
export function disjoint(a: unknown, b: unknown, rootA: unknown, rootB: unknown): boolean {
  if (rejectsEverything(a) || rejectsEverything(b)) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (![...ta].some((t) => tb.has(t))) return true;
  const va = finiteValues(a);
  const vb = finiteValues(b);
  if (va && vb) {
    const sb = new Set(vb.map(canonical));
    if (!va.some((v) => sb.has(canonical(v)))) return true;
  }
  const pa = isObject(a.properties) ? a.properties : {};
  const pb = isObject(b.properties) ? b.properties : {};
  const ra = new Set(strings(a.required));
  const rb = new Set(strings(b.required));
  for (const name of Object.keys(pa)) {
    if (!(name in pb) || !(ra.has(name) || rb.has(name))) continue;
    const x = pa[name];
    const y = pb[name];
    if (!isObject(x) || !isObject(y)) continue;
    const vx = finiteValues(x);
    const vy = finiteValues(y);
    // Both sides constrain the key to constants and at least one side requires it.
    if (vx && vy && ra.has(name) && rb.has(name)) {
      const sy = new Set(vy.map(canonical));
      if (!vx.some((v) => sy.has(canonical(v)))) return true;
    }
    if (ra.has(name) && rb.has(name) && disjoint(x, y, rootA, rootB)) return true;
  }
  return false;
}

/** Pairs compared inside each other before the engine gives up (unprovable) rather than overflow. */
const MAX_NESTING = 150;

/** Keywords that evaluate properties or items of the instance in place (for unevaluated*). */
const APPLICATORS = [
  "allOf",
  "anyOf",
  "oneOf",
  "if",
  "then",
  "else",
  "$ref",
  "dependentSchemas",
  "dependencies",
  "not",
];

/** References the engine does not follow; ajv does, so nothing may be assumed about them. */
const DYNAMIC_REFS = ["$dynamicRef", "$recursiveRef"];

/**
 * Without applicators, `unevaluatedProperties`/`unevaluatedItems` mean exactly
 * `additionalProperties`/the items after `prefixItems`; rewrite them so one comparison covers both.
 * (`contains` evaluates the items it matches, so it keeps unevaluatedItems as it is.)
 */
function evaluatedAsAdditional(s: SchemaObject): SchemaObject {
  if (APPLICATORS.some((k) => k in s)) return s;
  let out = s;
  if (s.unevaluatedProperties !== undefined && s.additionalProperties === undefined) {
    out = { ...without(out, "unevaluatedProperties"), additionalProperties: s.unevaluatedProperties };
  }
  if (
    s.unevaluatedItems !== undefined &&
    s.items === undefined &&
    s.additionalItems === undefined &&
    s.contains === undefined
  ) {
    out = { ...without(out, "unevaluatedItems"), items: s.unevaluatedItems };
  }
  return out;
}
