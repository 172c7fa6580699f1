import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const refUnresolvable = {
  id: "ref-unresolvable",
  description:
    "A `$ref` points outside the schema document (remote or missing), so the comparison cannot see what it means.",
  message: 'cannot follow $ref "{ref}"',
  hint: "Bundle referenced schemas into the document (`$defs`) before comparing, or fix the reference. Eventline does not guess what a remote schema says.",
  severity: whenChecked("error"),
  site: "reference",
  check({ w, r }, ctx) {
    const ref = w.unresolved ?? r.unresolved;
    if (ref !== undefined) ctx.report({ ref });
  },
} as const satisfies CompatRule<"reference">;
