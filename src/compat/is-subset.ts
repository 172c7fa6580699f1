import { hasPointer } from "../model/pointer.js";
import { decycle } from "./decycle.js";
import type { CompatFinding } from "./finding.js";
import { type KeywordType, num, recordOf, strings } from "./keyword-rule.js";
import { type CompatRuleId, KEYWORD_RULES } from "./registry.js";
import {
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
import { validateAt } from "./validate-at.js";

export interface SubsetOptions {
  /**
   * LENIENT: writers emit only the properties their schema declares, so an open content model does not
   * mean "any extra key with any value" (the most common complaint about strict checks).
   */
  writerDeclaredKeysOnly?: boolean;
  /**
   * Compare `format` (default true: validators such as ajv assert it, so a reader that adds one can
   * reject data). Confluent's checker ignores it.
   */
  compareFormat?: boolean;
  /**
   * `semantic` (default): JSON Schema validation semantics, as ajv validates at runtime.
   * `confluent`: predict Confluent Schema Registry's JSON Schema checker, quirks included (see
   * docs/compat.md): `format`, `propertyNames`, `if/then/else` and oneOf overlap are not compared; a
   * newly required property is compatible when it has a `default` or is not declared in `properties`;
   * `additionalItems` is compared even without array-form `items`.
   */
  profile?: CompatProfile;
}

export type CompatProfile = "semantic" | "confluent";

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
  // The same document read the same way: equal even where a $ref cannot be followed.
  if (writer === writerRoot && reader === readerRoot && canonical(writer) === canonical(reader)) return [];
  const cx = new Comparison(writerRoot, readerRoot, resolved);
  cx.sub({ schema: writer, pointer: "" }, { schema: reader, pointer: "" });
  return cx.findings;
}

class Comparison {
  readonly findings: CompatFinding[] = [];
  private readonly inProgress = new Set<string>();
  private readonly done = new Map<string, CompatFinding[]>();

  constructor(
    readonly writerRoot: unknown,
    readonly readerRoot: unknown,
    readonly options: SubsetOptions,
  ) {}

  private get confluent(): boolean {
    return this.options.profile === "confluent";
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
  private holds(w: At, r: At): boolean {
    const saved = this.findings.length;
    this.sub(w, r);
    const ok = this.findings.length === saved;
    this.findings.length = saved;
    return ok;
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
    const key = `${w.pointer}\u0000${r.pointer}\u0000${canonical(w.schema).length}\u0000${canonical(r.schema).length}`;
    if (this.inProgress.has(key)) return; // co-induction: assume the recursive pair holds
    const cached = this.done.get(key);
    if (cached) {
      this.findings.push(...cached);
      return;
    }
    this.inProgress.add(key);
    const before = this.findings.length;
    this.compare(w, r);
    this.inProgress.delete(key);
    this.done.set(key, this.findings.slice(before));
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
    const ws = evaluatedAsAdditional(wRaw);
    const rs = evaluatedAsAdditional(rRaw);
    // Children are read from the rewritten schemas (their pointers name the unevaluated* keyword's place).
    w = { schema: ws, pointer: w.pointer };
    r = { schema: rs, pointer: r.pointer };

    // Writer disjunctions: every alternative must be readable.
    for (const kw of ["anyOf", "oneOf"] as const) {
      if (Array.isArray(ws[kw])) {
        const base = without(ws, kw);
        (ws[kw] as unknown[]).forEach((_, i) => {
          this.sub(mergedAt(w, base, child(w, kw, i), this.writerRoot), r);
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

    // Reader conjunctions.
    if (Array.isArray(rs.allOf)) {
      (rs.allOf as unknown[]).forEach((_, i) => {
        this.sub(w, child(r, "allOf", i));
      });
      this.sub(w, { schema: without(rs, "allOf"), pointer: r.pointer });
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
      // ¬A ⊆ ¬B exactly when B ⊆ A: compare the negated schemas the other way round.
      const negations =
        ws.not !== undefined &&
        isSubset.call(null, n.schema, ws.not, this.options, this.readerRoot, this.writerRoot).length === 0;
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
      if (ws.if !== undefined && normalForm(ws.if) === normalForm(rs.if)) {
        // Same condition: values taking each branch must satisfy the reader's branch.
        for (const branch of ["then", "else"] as const) {
          if (rs[branch] === undefined) continue;
          const wBranch =
            ws[branch] === undefined
              ? { schema: base, pointer: w.pointer }
              : mergedAt(w, base, child(w, branch), this.writerRoot);
          this.sub(wBranch, child(r, branch));
        }
      } else {
        this.report("conditional-changed", "the reader applies an if/then/else the writer does not", w, r);
      }
      this.sub(
        { schema: base, pointer: w.pointer },
        { schema: without(rs, "if", "then", "else"), pointer: r.pointer },
      );
      return;
    }

    // A writer with finitely many values is decided exactly, value by value.
    const values = finiteValues(ws);
    if (values) {
      for (const v of values) {
        if (validateAt(this.writerRoot, w.pointer, v) === false) continue; // the writer cannot send it either
        const ok = validateAt(this.readerRoot, r.pointer, v);
        if (ok === false)
          this.report("enum-value-rejected", `the reader rejects the value ${canonical(v)}`, w, r, v);
        if (ok === undefined) this.report("unprovable", "the reader schema could not be compiled", w, r);
      }
      return;
    }
    if (finiteValues(rs)) {
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

  private readerChoice(w: At, r: At, rs: SchemaObject, kw: "anyOf" | "oneOf"): void {
    const base = without(rs, kw);
    const branches = (rs[kw] as unknown[]).map((_, i) => mergedAt(r, base, child(r, kw, i), this.readerRoot));
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
    for (const rule of KEYWORD_RULES[type])
      rule.check(pair, (message, witness) => this.report(rule.id as CompatRuleId, message, w, r, witness));
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
      if (canonical(ws.contains) !== canonical(rs.contains) || wMaxC > rMaxC) {
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
      const wp = valueSchema(w, ws, name, declaredOnly);
      if (!wp) continue; // the writer never sends this key
      this.sub(wp, valueSchema(r, rs, name, false)!);
    }
    this.undeclaredKeys(w, r, ws, rs, declaredOnly);
    this.dependencies(w, r, ws, rs);
    if (!this.confluent && rs.propertyNames !== undefined && !acceptsEverything(rs.propertyNames, true)) {
      if (
        ws.propertyNames === undefined ||
        !this.holds(child(w, "propertyNames"), child(r, "propertyNames"))
      ) {
        this.report("property-names-changed", "the reader restricts property names (`propertyNames`)", w, r);
      }
    }
    if (rs.unevaluatedProperties !== undefined && !acceptsEverything(rs.unevaluatedProperties, true)) {
      // Without combinators, unevaluatedProperties acts like additionalProperties.
      this.sub(
        {
          schema: { ...ws, additionalProperties: ws.unevaluatedProperties ?? ws.additionalProperties },
          pointer: w.pointer,
        },
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
      // Keys matching a pattern both sides declare are governed by the writer's pattern, not its additionalProperties.
      if (p in wPatterns) this.sub(child(w, "patternProperties", p), rp);
      else if (!declaredOnly) this.sub(wAdditional, rp);
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

  private dependencies(w: At, r: At, ws: SchemaObject, rs: SchemaObject): void {
    const rDeps = { ...recordOf(rs.dependencies), ...recordOf(rs.dependentRequired) };
    const wDeps = { ...recordOf(ws.dependencies), ...recordOf(ws.dependentRequired) };
    const wRequired = new Set(strings(ws.required));
    for (const [key, need] of Object.entries(rDeps)) {
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
    const rSchemas = { ...schemaDeps(rs.dependencies), ...recordOf(rs.dependentSchemas) };
    const wSchemas = { ...schemaDeps(ws.dependencies), ...recordOf(ws.dependentSchemas) };
    for (const key of Object.keys(rSchemas)) {
      const rKw =
        isObject(rs.dependentSchemas) && key in rs.dependentSchemas ? "dependentSchemas" : "dependencies";
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

/** The schema a value under key `name` must match, or undefined when `declaredOnly` and it is undeclared. */
function valueSchema(at: At, s: SchemaObject, name: string, declaredOnly: boolean): At | undefined {
  if (isObject(s.properties) && name in s.properties) return child(at, "properties", name);
  if (isObject(s.patternProperties)) {
    for (const p of Object.keys(s.patternProperties)) {
      let re: RegExp;
      try {
        re = new RegExp(p, "u");
      } catch {
        continue;
      }
      if (re.test(name)) return child(at, "patternProperties", p);
    }
  }
  if (declaredOnly) return undefined;
  return additionalAt(at, s);
}

/** `base` (the schema around a combinator) conjoined with one branch, as one schema where they merge. */
function mergedAt(_parent: At, base: SchemaObject, branch: At, root: unknown): At {
  const b = deref(root, branch);
  if (!isObject(b.schema)) return b;
  const merged = mergeSchemas([stripAnnotations(base), b.schema]);
  return merged ? { schema: merged, pointer: b.pointer } : b;
}

function stripAnnotations(s: SchemaObject): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s))
    if (!["title", "description", "examples", "default", "$comment"].includes(k)) out[k] = v;
  return out;
}

function mergeAllOf(w: At, ws: SchemaObject, root: unknown): At {
  const members = (ws.allOf as unknown[]).map((_, i) => deref(root, child(w, "allOf", i)).schema);
  const merged = mergeSchemas([without(ws, "allOf"), ...members]);
  if (merged) return { schema: merged, pointer: w.pointer };
  // Could not merge: keep the first member that is an object (widening the writer is sound).
  return { schema: without(ws, "allOf"), pointer: w.pointer };
}

/**
 * Conjunction of object schemas where it is a plain union of constraints: properties (intersected
 * per key by nesting allOf), required, and keywords only one side sets. Undefined when two sides set
 * the same other keyword differently.
 */
export function mergeSchemas(parts: unknown[]): SchemaObject | undefined {
  const out: SchemaObject = {};
  for (const part of parts) {
    if (part === true) continue;
    if (!isObject(part)) return undefined;
    for (const [k, v] of Object.entries(part)) {
      if (!(k in out)) {
        out[k] = v;
        continue;
      }
      if (canonical(out[k]) === canonical(v)) continue;
      if (k === "required") {
        out[k] = [...new Set([...strings(out[k]), ...strings(v)])];
      } else if (k === "properties" && isObject(out[k]) && isObject(v)) {
        const props: SchemaObject = { ...(out[k] as SchemaObject) };
        for (const [name, s] of Object.entries(v))
          props[name] = name in props ? { allOf: [props[name], s] } : s;
        out[k] = props;
      } else if (k === "type") {
        const a = new Set(typeof out[k] === "string" ? [out[k]] : (out[k] as unknown[]));
        const b = typeof v === "string" ? [v] : Array.isArray(v) ? v : [];
        out[k] = b.filter((t) => a.has(t) || (t === "integer" && a.has("number")));
      } else if (k === "allOf" && Array.isArray(out[k]) && Array.isArray(v)) {
        out[k] = [...(out[k] as unknown[]), ...v];
      } else if (ANNOTATION_KEYS.has(k)) {
        // keep the first
      } else {
        return undefined;
      }
    }
  }
  return out;
}

const ANNOTATION_KEYS = new Set([
  "title",
  "description",
  "examples",
  "default",
  "$comment",
  "$schema",
  "$id",
]);

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

/**
 * Without combinators or conditionals, `unevaluatedProperties`/`unevaluatedItems` mean exactly
 * `additionalProperties`/the items after `prefixItems`; rewrite them so one comparison covers both.
 */
function evaluatedAsAdditional(s: SchemaObject): SchemaObject {
  const combinators = [
    "allOf",
    "anyOf",
    "oneOf",
    "if",
    "then",
    "else",
    "$ref",
    "dependentSchemas",
    "not",
  ].some((k) => k in s);
  if (combinators) return s;
  let out = s;
  if (s.unevaluatedProperties !== undefined && s.additionalProperties === undefined) {
    out = { ...without(out, "unevaluatedProperties"), additionalProperties: s.unevaluatedProperties };
  }
  if (s.unevaluatedItems !== undefined && s.items === undefined && s.additionalItems === undefined) {
    out = Array.isArray(s.prefixItems)
      ? { ...without(out, "unevaluatedItems"), items: s.unevaluatedItems }
      : { ...without(out, "unevaluatedItems"), items: s.unevaluatedItems };
  }
  return out;
}
