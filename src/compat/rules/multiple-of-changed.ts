import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const multipleOfChanged = {
  id: "multiple-of-changed",
  description: "The reader's multipleOf does not divide the writer's.",
  message: "the reader requires multiples of {multipleOf}",
  hint: "A coarser multipleOf rejects existing values. Only relax it (use a divisor of the old value), or change writers first.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
