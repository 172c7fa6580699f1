import { disjoint } from "../algebra/disjoint.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const oneofOverlap = {
  id: "oneof-overlap",
  description:
    "A writer value may match two branches of the reader's oneOf, which then rejects it (semantic profile only; Confluent accepts this, unsoundly).",
  message:
    "a writer value may match oneOf branches {first} and {second} of the reader, and oneOf rejects a value that matches two",
  hint: "oneOf requires exactly one matching branch: a branch that overlaps another breaks values matching both. Use anyOf, or make branches disjoint (different types, or a required discriminator property with distinct const values).",
  severity: whenChecked("error"),
  site: "choice",
  check({ keyword, fits, branches, w, profile }, ctx) {
    // Confluent's checker accepts overlapping branches; without a fitting branch oneof-no-branch reports.
    if (keyword !== "oneOf" || fits === -1 || profile === "confluent") return;
    branches.forEach((b, j) => {
      if (j === fits) return;
      const other = ctx.deref("reader", b);
      if (!disjoint(w.schema, other.schema, ctx.writerRoot, ctx.readerRoot))
        ctx.report({ first: fits, second: j });
    });
  },
} as const satisfies CompatRule<"choice">;
