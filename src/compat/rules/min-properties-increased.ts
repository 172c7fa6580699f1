import { type KeywordRule, minimumRose } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const minPropertiesIncreased = {
  id: "min-properties-increased",
  description: "The reader's minProperties is larger than the writer's.",
  message: "minProperties rose from {from} to {to}",
  hint: "Objects with fewer properties already on the wire now fail. Keep the old minProperties in readers.",
  severity: whenChecked("error"),
  applies: "object",
  check: minimumRose("minProperties"),
} as const satisfies KeywordRule;
