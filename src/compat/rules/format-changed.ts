import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const formatChanged = {
  id: "format-changed",
  description:
    "The reader requires a `format` the writer does not declare (semantic profile only: ajv validates formats at runtime).",
  message: 'the reader requires format "{format}"',
  hint: "Eventline's runtime validates `format`, so a new format rejects values that do not match it. Declare the format at writers first, or compare with compareFormat: false if formats are annotations for you.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
