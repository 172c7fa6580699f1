import { without } from "../algebra/rewrite.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { child } from "../schema-walk.js";

export const conditionalChanged = {
  id: "conditional-changed",
  description:
    "The reader applies an if/then/else the writer does not, or with a different `if` (semantic profile only).",
  message: "the reader applies an if/then/else the writer does not",
  hint: "Conditionals are compared branch by branch only when both sides share the same `if`. Keep the `if` unchanged and only relax then/else, or change writers first.",
  severity: whenChecked("error"),
  site: "conditional",
  check({ w, r, ws, rs, profile }, ctx) {
    // Every writer value satisfies whichever branch it takes when it satisfies both (an absent branch
    // asks nothing): the condition then does not matter.
    const base = { schema: without(ws, "if", "then", "else"), pointer: w.pointer };
    const both =
      profile !== "confluent" &&
      (["then", "else"] as const).every((b) => rs[b] === undefined || ctx.holds(base, child(r, b)));
    if (!both) ctx.report();
  },
} as const satisfies CompatRule<"conditional">;
