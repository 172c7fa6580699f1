import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const enumAdded = {
  id: "enum-added",
  description: "The reader restricts values to an enum/const list that the writer does not limit itself to.",
  message: "the reader only accepts listed values (enum/const) that the writer does not limit to",
  hint: "Adding an enum to a free-form field rejects every existing value outside the list. Add the enum to writers first (FORWARD), then to readers.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
