import { minimumRose } from "../count-rules.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const minLengthIncreased = {
  id: "min-length-increased",
  description: "The reader's minLength is larger than the writer's.",
  message: "minLength rose from {from} to {to}",
  hint: "Shorter strings already on the wire now fail. Keep the old minLength in readers; enforce the new one at writers first.",
  severity: whenChecked("error"),
  site: "string",
  when: ["minLength"],
  check: minimumRose("minLength", (wMin) => "x".repeat(wMin)),
} as const satisfies CompatRule<"string">;
