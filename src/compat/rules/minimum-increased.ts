import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const minimumIncreased = {
  id: "minimum-increased",
  description: "The reader's lower bound (minimum/exclusiveMinimum) is higher than the writer's.",
  message: "the reader's lower bound is {bound}",
  hint: "Smaller numbers already on the wire now fail. Keep the old lower bound in readers.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
