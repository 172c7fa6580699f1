import { maximumFell } from "../count-rules.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const maxPropertiesDecreased = {
  id: "max-properties-decreased",
  description: "The reader's maxProperties is smaller than the writer's.",
  message: "maxProperties fell from {from} to {to}",
  hint: "Objects with more properties already on the wire now fail. Keep the old maxProperties in readers.",
  severity: whenChecked("error"),
  site: "object",
  when: ["maxProperties"],
  check: maximumFell("maxProperties"),
} as const satisfies CompatRule<"object">;
