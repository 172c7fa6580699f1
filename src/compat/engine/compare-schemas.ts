import { decycle } from "../../schema/decycle.js";
import type { CompatFinding } from "../finding.js";
import type { AnyCompatRule } from "../rule-types.js";
import { canonical } from "../schema-walk.js";
import type { SubsetOptions } from "../subset-options.js";
import { Comparison } from "./comparison.js";
import { ruleSet } from "./rule-set.js";

/**
 * Is every instance valid under `writer` also valid under `reader`, as far as `rules` tell? Returns
 * their findings (empty = proven compatible). Sound first: where the engine cannot prove inclusion it
 * reports, it never guesses "compatible". Recursive schemas are compared co-inductively.
 */
export function compareSchemas(
  rules: readonly AnyCompatRule[],
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
  const cx = new Comparison(writerRoot, readerRoot, resolved, ruleSet(rules));
  const w = { schema: writer, pointer: "" };
  const r = { schema: reader, pointer: "" };
  // Each whole schema first: a rule may find that nothing can be claimed about it.
  for (const [i, side, root, schema] of [
    [0, "writer", writerRoot, writer],
    [1, "reader", readerRoot, reader],
  ] as const) {
    if (cx.runAt("document", { side, root, schema, text: texts?.[i] }, w, r)) return cx.findings;
  }
  cx.sub(w, r);
  return cx.result();
}
