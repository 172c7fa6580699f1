import { closesContentModel } from "../algebra/keys.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const additionalPropertiesClosed = {
  id: "additional-properties-closed",
  description:
    "The reader closes the content model (additionalProperties: false) while the writer's is open.",
  message: "the reader closes the content model (additionalProperties: false) but the writer's is open",
  hint: "An open writer may send any extra key, which a closed reader rejects. Close the writer's model first, or keep readers open; if writers provably emit only declared keys, use the LENIENT option (writerDeclaredKeysOnly).",
  severity: whenChecked("error"),
  site: "additional",
  check({ writerAdditional, readerAdditional, fits }, ctx) {
    if (!fits && closesContentModel(writerAdditional, readerAdditional))
      ctx.report({}, { at: { w: writerAdditional, r: readerAdditional } });
  },
} as const satisfies CompatRule<"additional">;
