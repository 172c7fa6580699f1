import { minimumRose } from "../count-rules.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const minItemsIncreased = {
  id: "min-items-increased",
  description: "The reader's minItems is larger than the writer's.",
  message: "minItems rose from {from} to {to}",
  hint: "Shorter arrays already on the wire now fail. Keep the old minItems in readers.",
  severity: whenChecked("error"),
  site: "array",
  when: ["minItems"],
  check: minimumRose("minItems"),
} as const satisfies CompatRule<"array">;
