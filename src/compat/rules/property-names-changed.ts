import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const propertyNamesChanged = {
  id: "property-names-changed",
  description:
    "The reader restricts property names (propertyNames) more than the writer (semantic profile only).",
  message: "the reader restricts property names (`propertyNames`)",
  hint: "Objects with keys outside the new name schema now fail. Relax propertyNames, or restrict writers first.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
