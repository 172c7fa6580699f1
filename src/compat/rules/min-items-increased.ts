import { type KeywordRule, minimumRose } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const minItemsIncreased = {
  id: "min-items-increased",
  description: "The reader's minItems is larger than the writer's.",
  message: "minItems rose from {from} to {to}",
  hint: "Shorter arrays already on the wire now fail. Keep the old minItems in readers.",
  severity: whenChecked("error"),
  applies: "array",
  check: minimumRose("minItems"),
} as const satisfies KeywordRule;
