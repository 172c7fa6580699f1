import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const requiredAdded = {
  id: "required-added",
  description: "The reader requires a property the writer may omit.",
  message: 'the reader requires "{property}", which the writer may omit',
  hint: "Messages written without the property fail validation. Keep it optional in readers (default it in code), or require it in writers first. Confluent accepts a required property that has a `default`; validation does not, so only the confluent profile does.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
