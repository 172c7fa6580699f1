import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const minPropertiesIncreased = {
  id: "min-properties-increased",
  description: "The reader's minProperties is larger than the writer's.",
  message: "minProperties rose from {from} to {to}",
  hint: "Objects with fewer properties already on the wire now fail. Keep the old minProperties in readers.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
