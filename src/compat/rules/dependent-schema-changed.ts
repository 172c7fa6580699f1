import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const dependentSchemaChanged = {
  id: "dependent-schema-changed",
  description:
    "The reader applies a schema whenever a property is present (dependentSchemas / schema dependencies) that the writer does not guarantee.",
  message: 'the reader applies a schema whenever "{property}" is present',
  hint: "Objects with the trigger property may not satisfy the new dependent schema. Add the same dependency to writers first.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
