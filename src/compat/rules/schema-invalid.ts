import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { isObject } from "../schema-walk.js";

export const schemaInvalid = {
  id: "schema-invalid",
  description: "A subschema is neither an object nor a boolean, so nothing can be proven about it.",
  message: "not a schema",
  hint: "Fix the schema: every subschema must be a JSON object or a boolean.",
  severity: whenChecked("error"),
  site: "shape",
  check({ writer, reader }, ctx) {
    if (!isObject(writer) || !isObject(reader)) ctx.report();
  },
} as const satisfies CompatRule<"shape">;
