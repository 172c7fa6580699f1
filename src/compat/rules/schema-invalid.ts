import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const schemaInvalid = {
  id: "schema-invalid",
  description: "A subschema is neither an object nor a boolean, so nothing can be proven about it.",
  message: "not a schema",
  hint: "Fix the schema: every subschema must be a JSON object or a boolean.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
