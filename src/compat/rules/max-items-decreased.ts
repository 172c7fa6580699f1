import { type KeywordRule, maximumFell } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const maxItemsDecreased = {
  id: "max-items-decreased",
  description: "The reader's maxItems is smaller than the writer's.",
  message: "maxItems fell from {from} to {to}",
  hint: "Longer arrays already on the wire now fail. Keep the old maxItems in readers.",
  severity: whenChecked("error"),
  applies: "array",
  check: maximumFell("maxItems"),
} as const satisfies KeywordRule;
