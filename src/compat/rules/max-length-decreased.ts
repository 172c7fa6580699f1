import { maximumFell } from "../count-rules.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const maxLengthDecreased = {
  id: "max-length-decreased",
  description: "The reader's maxLength is smaller than the writer's (or newly set).",
  message: "maxLength fell from {from} to {to}",
  hint: "Longer strings already on the wire now fail. Keep the old maxLength in readers; shorten values at writers first.",
  severity: whenChecked("error"),
  site: "string",
  when: ["maxLength"],
  check: maximumFell("maxLength"),
} as const satisfies CompatRule<"string">;
