import { closesContentModel } from "../algebra/keys.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const additionalPropertiesNarrowed = {
  id: "additional-properties-narrowed",
  description:
    "Keys the writer does not declare (open or partially open model) may carry values the reader rejects.",
  message: "the reader restricts properties the writer does not declare (additionalProperties)",
  hint: "Under an open writer model an undeclared key may already be on the wire with any value. Close the writer's model (additionalProperties: false) before narrowing, or use the LENIENT option if writers emit only declared keys.",
  severity: whenChecked("error"),
  site: "additional",
  check({ writerAdditional, readerAdditional, fits }, ctx) {
    // A writer's open model meeting a closed reader is additional-properties-closed.
    if (!fits && !closesContentModel(writerAdditional, readerAdditional))
      ctx.report({}, { at: { w: writerAdditional, r: readerAdditional } });
  },
} as const satisfies CompatRule<"additional">;
