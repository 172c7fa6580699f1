import { type KeywordRule, maximumFell } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const maxPropertiesDecreased = {
  id: "max-properties-decreased",
  description: "The reader's maxProperties is smaller than the writer's.",
  message: "maxProperties fell from {from} to {to}",
  hint: "Objects with more properties already on the wire now fail. Keep the old maxProperties in readers.",
  severity: whenChecked("error"),
  applies: "object",
  check: maximumFell("maxProperties"),
} as const satisfies KeywordRule;
