import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const refUnresolvable = {
  id: "ref-unresolvable",
  description:
    "A `$ref` points outside the schema document (remote or missing), so the comparison cannot see what it means.",
  message: 'cannot follow $ref "{ref}"',
  hint: "Bundle referenced schemas into the document (`$defs`) before comparing, or fix the reference. Eventline does not guess what a remote schema says.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
