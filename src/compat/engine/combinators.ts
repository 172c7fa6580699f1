// anyOf, oneOf, allOf, not and if/then/else on either side: each handler splits the pair into the
// pairs it implies and returns true when it took the pair, or false to let the next one look.
import { mergeSchemas } from "../algebra/merge.js";
import { evaluatedByAllOf, stripAnnotations, without } from "../algebra/rewrite.js";
import type { Pair } from "../rule-types.js";
import { type At, child, deref, isObject, type SchemaObject } from "../schema-walk.js";
import { pairView } from "./pair-view.js";
import type { Walker } from "./walker.js";

/** Writer disjunctions: every alternative must be readable. Writer conjunctions: merged where they merge. */
export function splitWriter(cx: Walker, w: At, r: At, ws: SchemaObject): boolean {
  for (const kw of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(ws[kw])) {
      const base = without(ws, kw);
      (ws[kw] as unknown[]).forEach((_, i) => {
        cx.sub(writerBranch(base, child(w, kw, i), cx.writerRoot), r);
      });
      return true;
    }
  }
  // Dropping a writer constraint that does not merge only widens the writer (sound).
  if (Array.isArray(ws.allOf)) {
    cx.sub(mergeAllOf(w, ws, cx.writerRoot), r);
    return true;
  }
  return false;
}

/** Reader conjunctions: each member in full, then the rest. */
export function readerAllOf(cx: Walker, w: At, r: At, rs: SchemaObject): boolean {
  if (!Array.isArray(rs.allOf)) return false;
  (rs.allOf as unknown[]).forEach((_, i) => {
    cx.sub(w, child(r, "allOf", i));
  });
  cx.sub(w, {
    schema: cx.confluent ? without(rs, "allOf") : evaluatedByAllOf(r, rs, cx.readerRoot),
    pointer: r.pointer,
  });
  return true;
}

/**
 * A writer of several types against a reader's choice: each type may be read by another branch
 * (`type: [string, "null"]` against `anyOf: [{type: string}, {type: "null"}]`).
 */
export function typesAgainstChoice(cx: Walker, w: At, r: At, ws: SchemaObject, rs: SchemaObject): boolean {
  if (
    cx.confluent ||
    !(Array.isArray(rs.anyOf) || Array.isArray(rs.oneOf)) ||
    !Array.isArray(ws.type) ||
    ws.type.length <= 1
  )
    return false;
  for (const t of ws.type) cx.sub({ schema: { ...ws, type: t }, pointer: w.pointer }, r);
  return true;
}

/** The reader's anyOf/oneOf: some branch (with what beside it applies) must hold the whole writer. */
export function readerChoice(cx: Walker, pair: Pair): boolean {
  const { r, rs } = pair;
  const keyword = Array.isArray(rs.anyOf) ? "anyOf" : Array.isArray(rs.oneOf) ? "oneOf" : undefined;
  if (keyword === undefined) return false;
  const base = without(rs, keyword);
  const branches = (rs[keyword] as unknown[]).map((_, i) =>
    readerBranch(r, base, child(r, keyword, i), cx.readerRoot),
  );
  const fits = branches.findIndex((b) => cx.holds(pair.w, b));
  cx.runPair("choice", pairView(pair, { keyword, branches, fits }));
  return true;
}

/** The reader's `not`: the rules judge the excluded values, then the rest is compared. */
export function readerNot(cx: Walker, pair: Pair): boolean {
  if (pair.rs.not === undefined) return false;
  cx.runPair("not", pair);
  cx.sub(pair.w, { schema: without(pair.rs, "not"), pointer: pair.r.pointer });
  return true;
}

/**
 * The reader's if/then/else. Confluent's checker ignores it. With the writer's own `if` the same
 * condition (by meaning, not by text: a `$ref` may read the same and point elsewhere), values taking
 * each branch must satisfy the reader's branch; otherwise the rules judge it as a whole.
 */
export function readerConditional(cx: Walker, pair: Pair): boolean {
  const { w, r, ws, rs } = pair;
  if (rs.if === undefined) return false;
  if (cx.confluent) {
    cx.sub(w, { schema: without(rs, "if", "then", "else"), pointer: r.pointer });
    return true;
  }
  if (rs.then === undefined && rs.else === undefined) return false;
  const base = without(ws, "if", "then", "else");
  if (ws.if !== undefined && cx.equivalent(child(w, "if"), child(r, "if"))) {
    for (const branch of ["then", "else"] as const) {
      if (rs[branch] === undefined) continue;
      const wBranch =
        ws[branch] === undefined
          ? { schema: base, pointer: w.pointer }
          : writerBranch(base, child(w, branch), cx.writerRoot);
      cx.sub(wBranch, child(r, branch));
    }
  } else {
    cx.runPair("conditional", pair);
  }
  cx.sub(
    { schema: base, pointer: w.pointer },
    { schema: without(rs, "if", "then", "else"), pointer: r.pointer },
  );
  return true;
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

function mergeAllOf(w: At, ws: SchemaObject, root: unknown): At {
  const members = (ws.allOf as unknown[]).map((_, i) => deref(root, child(w, "allOf", i)).schema);
  const merged = mergeSchemas([without(ws, "allOf"), ...members]);
  if (merged) return { schema: merged, pointer: w.pointer };
  // Could not merge: drop the members (widening the writer is sound).
  return { schema: without(ws, "allOf"), pointer: w.pointer };
}
