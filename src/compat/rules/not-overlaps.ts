import { disjoint } from "../algebra/disjoint.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { child } from "../schema-walk.js";

export const notOverlaps = {
  id: "not-overlaps",
  description: "The reader's `not` excludes values the writer may send.",
  message: "the reader excludes values (`not`) that the writer may send",
  hint: "A wider `not` rejects values that were valid. Keep the reader's `not` no wider than the writer's.",
  severity: whenChecked("error"),
  site: "not",
  check({ w, r, ws }, ctx) {
    const n = ctx.deref("reader", child(r, "not"));
    // ¬A ⊆ ¬B exactly when B ⊆ A: the reader's negated schema must fit inside the writer's, each
    // judged in its own document.
    const negations = ws.not !== undefined && ctx.holdsReversed(child(r, "not"), child(w, "not"));
    if (!negations && !disjoint(ws, n.schema, ctx.writerRoot, ctx.readerRoot)) ctx.report();
  },
} as const satisfies CompatRule<"not">;
