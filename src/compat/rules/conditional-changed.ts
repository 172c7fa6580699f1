import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const conditionalChanged = {
  id: "conditional-changed",
  description:
    "The reader applies an if/then/else the writer does not, or with a different `if` (semantic profile only).",
  message: "the reader applies an if/then/else the writer does not",
  hint: "Conditionals are compared branch by branch only when both sides share the same `if`. Keep the `if` unchanged and only relax then/else, or change writers first.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
