import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const maximumDecreased = {
  id: "maximum-decreased",
  description: "The reader's upper bound (maximum/exclusiveMaximum) is lower than the writer's.",
  message: "the reader's upper bound is {bound}",
  hint: "Larger numbers already on the wire now fail. Keep the old upper bound in readers.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
