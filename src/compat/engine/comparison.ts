// The pair walk: follows $refs, compares recursive schemas co-inductively, caches pairs by content,
// hands combinators to their handlers and asks the rules at their sites. It knows no rule by name
// except `unprovable`, through which it reports what it cannot decide.
import { EventlineError } from "../../errors.js";
import { draftOf, type JsonSchemaDraft } from "../../schema/ajv.js";
import { ajvView } from "../ajv-view.js";
import { acceptsNothing, integerRange, num, valuesOfType } from "../algebra/bounds.js";
import {
  additionalAt,
  disjointPatterns,
  sortedUnion,
  tupleOf,
  valueSchemas,
  writerValueSchema,
} from "../algebra/keys.js";
import { evaluatedAsAdditional, without } from "../algebra/rewrite.js";
import { compareTypeSets } from "../algebra/types.js";
import type { CompatFinding } from "../finding.js";
import type { CompatRuleMeta } from "../rule-meta.js";
import type { Pair, ReportOptions, RuleContext, Site, Sites } from "../rule-types.js";
import {
  type At,
  acceptsEverything,
  canonical,
  child,
  deref,
  finiteValues,
  isObject,
  normalForm,
  rejectsEverything,
  type SchemaObject,
  selfContained,
} from "../schema-walk.js";
import type { SubsetOptions } from "../subset-options.js";
import { fillTemplate, type TemplateValues } from "../template.js";
import { validateSubschema } from "../validate-at.js";
import {
  readerAllOf,
  readerChoice,
  readerConditional,
  readerNot,
  splitWriter,
  typesAgainstChoice,
} from "./combinators.js";
import { pairView } from "./pair-view.js";
import { existingPointer } from "./pointers.js";
import type { RuleSet } from "./rule-set.js";
import type { Walker } from "./walker.js";

/** Pairs compared inside each other before the engine gives up (unprovable) rather than overflow. */
const MAX_NESTING = 150;

/**
 * Pairs one comparison (both directions) may examine before it gives up (unprovable). Real payloads
 * need far fewer: the largest of both compatibility corpora and the 500-channel benchmark takes 13,
 * the 100,000 pairs of bench:soundness 811 at most.
 */
export const MAX_PAIRS = 20_000;

/** References the engine does not follow; ajv does, so nothing may be assumed about them. */
const DYNAMIC_REFS = ["$dynamicRef", "$recursiveRef"];

/** Sites that stop the comparison of a pair at the first rule that reports. */
const GUARDS: ReadonlySet<Site> = new Set(["document", "reference", "reader", "shape"]);

export class Comparison implements Walker {
  readonly findings: CompatFinding[] = [];
  /** Pairs being compared, by key, with their depth on the stack (co-induction). */
  private readonly inProgress = new Map<string, number>();
  private readonly done = new Map<string, CompatFinding[]>();
  /** The shallowest in-progress pair the running comparison assumed to hold (Infinity: none). */
  private assumed = Number.POSITIVE_INFINITY;
  private readonly contentIds = new WeakMap<object, number>();
  private readonly contentTexts = new Map<string, number>();
  private mirror: Comparison | undefined;
  /**
   * Pairs examined so far, shared with the mirror (one budget for the whole question), and the one
   * finding that says the budget ran out.
   */
  private budget: { pairs: number; spent?: CompatFinding } = { pairs: 0 };
  private readonly writerDraft: JsonSchemaDraft;
  private readonly readerDraft: JsonSchemaDraft;
  readonly confluent: boolean;
  private readonly formats: boolean;
  private readonly ctx: RunContext = new RunContext(this);

  constructor(
    readonly writerRoot: unknown,
    readonly readerRoot: unknown,
    readonly options: SubsetOptions,
    /** The rules the engine asks, by site (given by the caller: the engine imports none). */
    private readonly rules: RuleSet,
  ) {
    this.writerDraft = draftOf(writerRoot);
    this.readerDraft = draftOf(readerRoot);
    this.confluent = options.profile === "confluent";
    this.formats = options.compareFormat !== false;
  }

  /** The same roots the other way round: for a reader subschema that must fit inside a writer's. */
  reversed(): Comparison {
    if (!this.mirror) {
      this.mirror = new Comparison(this.readerRoot, this.writerRoot, this.options, this.rules);
      this.mirror.mirror = this;
      this.mirror.budget = this.budget;
    }
    return this.mirror;
  }

  /** One finding of `rule`: its template (or the named one) filled in, at places that exist. */
  report(
    rule: CompatRuleMeta,
    template: string | undefined,
    values: TemplateValues | undefined,
    w: At,
    r: At,
    witness?: unknown,
  ): void {
    const text = template === undefined ? rule.message : rule.messages?.[template];
    if (text === undefined)
      throw new EventlineError("INTERNAL", `rule ${rule.id} has no message template "${template}"`);
    const f: CompatFinding = {
      ruleId: rule.id,
      message: fillTemplate(text, values),
      writerPointer: existingPointer(this.writerRoot, w.pointer),
      readerPointer: existingPointer(this.readerRoot, r.pointer),
    };
    if (witness !== undefined) f.witness = witness;
    this.findings.push(f);
  }

  /** Reports that the pair cannot be decided, for the named reason of the unprovable rule. */
  giveUp(reason: string | undefined, values: TemplateValues | undefined, w: At, r: At): void {
    this.report(this.rules.unprovable, reason, values, w, r);
  }

  /**
   * Once per comparison, not once per pair left unexamined: every pair after the budget ends here, and
   * a speculative comparison (holds) may have dropped the finding, so it comes back only then.
   */
  private reportOverBudget(w: At, r: At): void {
    if (this.budget.spent === undefined) {
      this.giveUp("tooLarge", { limit: MAX_PAIRS.toLocaleString("en-US") }, w, r);
      this.budget.spent = this.findings.at(-1);
    } else if (!this.findings.includes(this.budget.spent)) this.findings.push(this.budget.spent);
  }

  /**
   * The findings of the whole comparison. A budget that ran out inside a comparison whose findings
   * were dropped (holds) still leaves the answer undecided: what followed from that "does not hold"
   * was not proven either.
   */
  result(): CompatFinding[] {
    const spent = this.budget.spent;
    if (spent !== undefined && !this.findings.includes(spent)) this.findings.push(spent);
    return this.findings;
  }

  /** Asks the rules of a pair's site about it; true when one reported. */
  runPair<S extends PairSite>(site: S, view: Sites[S]): boolean {
    const p = view as Pair;
    return this.ask(site, view, p.w, p.r, p.rs, false);
  }

  /** Asks the rules of a site that sees places (not yet a pair) at `w`/`r`; true when one reported. */
  runAt<S extends Exclude<Site, PairSite>>(site: S, view: Sites[S], w: At, r: At): boolean {
    return this.ask(site, view, w, r, undefined, GUARDS.has(site));
  }

  /** Guard sites stop at the first rule that reports. */
  private ask(
    site: Site,
    view: unknown,
    w: At,
    r: At,
    rs: SchemaObject | undefined,
    guard: boolean,
  ): boolean {
    const rules = this.rules.bySite[site];
    if (rules.length === 0) return false;
    const before = this.findings.length;
    // The context reports for the rule being asked at this place; a nested comparison a rule starts
    // (ctx.holds) asks rules of its own and puts this back when it returns.
    const ctx = this.ctx;
    const outerRule = ctx.rule;
    const outerW = ctx.w;
    const outerR = ctx.r;
    ctx.w = w;
    ctx.r = r;
    let reported = false;
    for (const rule of rules) {
      if (rule.when !== undefined && rs !== undefined && !hasAny(rs, rule.when)) continue;
      ctx.rule = rule;
      (rule.check as (view: unknown, ctx: RuleContext) => void)(view, ctx);
      if (guard && this.findings.length > before) {
        reported = true;
        break;
      }
    }
    ctx.rule = outerRule;
    ctx.w = outerW;
    ctx.r = outerR;
    return reported || this.findings.length > before;
  }

  pair(w: At, r: At, ws: SchemaObject, rs: SchemaObject): Pair {
    return pairView({
      w,
      r,
      ws,
      rs,
      integersOnly: false,
      profile: this.options.profile ?? "semantic",
      compareFormat: this.formats,
      writerDeclaredKeysOnly: this.options.writerDeclaredKeysOnly === true,
    });
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
  equivalent(w: At, r: At): boolean {
    return this.holds(w, r) && this.reversed().holds(r, w);
  }

  validates(side: "writer" | "reader", at: At, value: unknown): boolean | undefined {
    return validateSubschema(side === "writer" ? this.writerRoot : this.readerRoot, at, value, this.formats);
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
    if ((w.unresolved || r.unresolved) && this.runAt("reference", { w, r }, w, r)) return;
    // The same two contents mean the same question wherever they sit, so recursion is caught by
    // content alone: a schema the engine builds (a key's properties ∧ patternProperties, say) names
    // an ever longer place as it recurses, and a key with the place would never repeat.
    const question = `${this.contentId(w.schema)}\u0000${this.contentId(r.schema)}`;
    // The cache keeps the place too, since the findings it replays name it.
    const key = `${w.pointer}\u0000${r.pointer}\u0000${question}`;
    if (this.inProgress.size >= MAX_NESTING) {
      // Only schemas that refer to themselves without descending into the instance get this deep.
      this.giveUp("tooDeep", undefined, w, r);
      return;
    }
    if (this.budget.pairs >= MAX_PAIRS) {
      // Schemas the engine rebuilds as it recurses can grow without end (and each pair costs more as
      // they grow): past the budget the answer is "cannot decide", never a guess.
      this.reportOverBudget(w, r);
      return;
    }
    const depth = this.inProgress.get(question);
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
    this.budget.pairs++;
    const level = this.inProgress.size;
    this.inProgress.set(question, level);
    const outer = this.assumed;
    this.assumed = Number.POSITIVE_INFINITY;
    const before = this.findings.length;
    this.compare(w, r);
    this.inProgress.delete(question);
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
    const wRaw = wAt.schema === true || wAt.schema === undefined ? {} : wAt.schema;
    const rRaw = rAt.schema;
    const places = { w: wAt, r: rAt, writer: wRaw, reader: rRaw };
    if (this.runAt("reader", places, wAt, rAt)) return;
    if (
      selfContained(wAt.schema) &&
      selfContained(rAt.schema) &&
      normalForm(wAt.schema) === normalForm(rAt.schema)
    )
      return;
    if (this.runAt("shape", places, wAt, rAt) || !isObject(wRaw) || !isObject(rRaw)) return;
    for (const kw of DYNAMIC_REFS) {
      if (kw in wRaw || kw in rRaw) {
        this.giveUp("dynamicRef", { keyword: kw }, wAt, rAt);
        return;
      }
    }
    const ws = evaluatedAsAdditional(this.view(wRaw, this.writerDraft));
    const rs = evaluatedAsAdditional(this.view(rRaw, this.readerDraft));
    // Children are read from the rewritten schemas (their pointers name the unevaluated* keyword's place).
    const w = { schema: ws, pointer: wAt.pointer };
    const r = { schema: rs, pointer: rAt.pointer };
    // A writer whose own bounds contradict each other for every type it allows sends nothing.
    if (!this.confluent && acceptsNothing(ws)) return;
    if (splitWriter(this, w, r, ws) || readerAllOf(this, w, r, rs)) return;

    // A writer with finitely many values is decided exactly, value by value, against the whole reader
    // at this place (every keyword beside its combinators, $ref targets and siblings alike), by ajv.
    const values = finiteValues(ws);
    if (values) {
      const w0 = { schema: wRaw, pointer: wAt.pointer };
      this.runAt("values", { w: w0, r: rAt, values }, w0, rAt);
      return;
    }
    if (typesAgainstChoice(this, w, r, ws, rs)) return;
    const pair = this.pair(w, r, ws, rs);
    if (readerChoice(this, pair) || readerNot(this, pair) || readerConditional(this, pair)) return;

    if (finiteValues(rs)) {
      // An integer range against listed values (`minimum: 1, maximum: 3` against `enum: [1, 2, 3]`):
      // each integer in the range, as few as they are, is decided like a listed writer value.
      const range = this.confluent ? undefined : (integerRange(ws) ?? valuesOfType(ws));
      if (range) {
        const w0 = { schema: wRaw, pointer: wAt.pointer };
        this.runAt("values", { w: w0, r: rAt, values: range }, w0, rAt);
      } else this.runPair("listed", pair);
      return;
    }
    this.compareTypes(pair);
  }

  private compareTypes(pair: Pair): void {
    const types = compareTypeSets(pair.ws, pair.rs, this.confluent);
    this.runPair("types", pairView(pair, { types }));
    const { shared } = types;
    if (shared.has("string")) this.runPair("string", pair);
    if (shared.has("number") || shared.has("integer"))
      this.runPair("number", pairView(pair, { integersOnly: !shared.has("number") }));
    if (shared.has("array")) this.arrays(pair);
    if (shared.has("object")) this.objects(pair);
  }

  private arrays(pair: Pair): void {
    const { w, r, ws, rs } = pair;
    this.runPair("array", pair);
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
      !acceptsEverything(rs.unevaluatedItems, !this.formats)
    ) {
      const unevaluated = child(r, "unevaluatedItems");
      for (let i = rt.prefix.length; i < n && i < wMax; i++) this.sub(wt.prefix[i] ?? wt.rest, unevaluated);
      if (wMax > n) this.sub(wt.rest, unevaluated);
    }
    this.runPair("contains", pair);
  }

  private objects(pair: Pair): void {
    const { w, r, ws, rs } = pair;
    this.runPair("object", pair);
    const wProps = isObject(ws.properties) ? ws.properties : {};
    const rProps = isObject(rs.properties) ? rs.properties : {};
    const declaredOnly = pair.writerDeclaredKeysOnly;
    for (const name of sortedUnion(Object.keys(wProps), Object.keys(rProps))) {
      const wp = writerValueSchema(w, ws, name, declaredOnly);
      if (!wp) continue; // the writer never sends this key
      const rps = valueSchemas(r, rs, name);
      if (rps === undefined) {
        this.giveUp("badPatternKey", undefined, w, r);
        continue;
      }
      for (const rp of rps) this.sub(wp, rp);
    }
    this.undeclaredKeys(pair);
    this.runPair("dependencies", pair);
    this.runPair("property-names", pair);
    if (
      rs.unevaluatedProperties !== undefined &&
      !acceptsEverything(rs.unevaluatedProperties, !this.formats)
    ) {
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
  private undeclaredKeys(pair: Pair): void {
    const { w, r, ws, rs } = pair;
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
      if (!pair.writerDeclaredKeysOnly) this.sub(wAdditional, rp);
      for (const q of Object.keys(wPatterns))
        if (!disjointPatterns(p, q)) this.sub(child(w, "patternProperties", q), rp);
    }
    for (const p of Object.keys(wPatterns)) {
      if (p in rPatterns) continue;
      this.sub(child(w, "patternProperties", p), rAdditional);
    }
    if (pair.writerDeclaredKeysOnly) return;
    const fits = this.holds(wAdditional, rAdditional);
    this.runPair(
      "additional",
      pairView(pair, { writerAdditional: wAdditional, readerAdditional: rAdditional, additionalFits: fits }),
    );
  }
}

type PairSite = Exclude<Site, "document" | "reference" | "reader" | "shape" | "values">;

function hasAny(schema: SchemaObject, keywords: readonly string[]): boolean {
  for (const k of keywords) if (k in schema) return true;
  return false;
}

/** What one rule may do at one site: report at the pair's place, or compare subschemas without reporting. */
class RunContext implements RuleContext {
  /** The rule being asked and the pair's places: set by Comparison.run, one rule at a time. */
  rule: CompatRuleMeta | undefined;
  w: At = { schema: undefined, pointer: "" };
  r: At = { schema: undefined, pointer: "" };

  constructor(private readonly cx: Comparison) {}

  get writerRoot(): unknown {
    return this.cx.writerRoot;
  }

  get readerRoot(): unknown {
    return this.cx.readerRoot;
  }

  report(values?: TemplateValues, options: ReportOptions = {}): void {
    const at = options.at ?? { w: this.w, r: this.r };
    this.cx.report(this.rule!, options.template, values, at.w, at.r, options.witness);
  }

  unprovable(reason?: string, values?: TemplateValues): void {
    this.cx.giveUp(reason, values, this.w, this.r);
  }

  holds(w: At, r: At): boolean {
    return this.cx.holds(w, r);
  }

  holdsReversed(r: At, w: At): boolean {
    return this.cx.reversed().holds(r, w);
  }

  validates(side: "writer" | "reader", at: At, value: unknown): boolean | undefined {
    return this.cx.validates(side, at, value);
  }

  deref(side: "writer" | "reader", at: At): At & { unresolved?: string } {
    return deref(side === "writer" ? this.cx.writerRoot : this.cx.readerRoot, at);
  }
}
