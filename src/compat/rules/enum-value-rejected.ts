import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const enumValueRejected = {
  id: "enum-value-rejected",
  description:
    "A value the writer may send (from its enum/const) is rejected by the reader; decided exactly with ajv.",
  message: "the reader rejects the value {value}",
  hint: "Readers must accept every enumerated value writers may still send. Keep the value in the reader's enum (mark it deprecated in its description) until no writer sends it.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
