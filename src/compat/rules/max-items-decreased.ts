import { maximumFell } from "../count-rules.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const maxItemsDecreased = {
  id: "max-items-decreased",
  description: "The reader's maxItems is smaller than the writer's.",
  message: "maxItems fell from {from} to {to}",
  hint: "Longer arrays already on the wire now fail. Keep the old maxItems in readers.",
  severity: whenChecked("error"),
  site: "array",
  when: ["maxItems"],
  check: maximumFell("maxItems"),
} as const satisfies CompatRule<"array">;
