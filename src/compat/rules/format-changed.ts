import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const formatChanged = {
  id: "format-changed",
  description:
    "The reader requires a `format` the writer does not declare (semantic profile only: ajv validates formats at runtime).",
  message: 'the reader requires format "{format}"',
  hint: "Eventline's runtime validates `format`, so a new format rejects values that do not match it. Declare the format at writers first, or compare with compareFormat: false if formats are annotations for you.",
  severity: whenChecked("error"),
  site: "string",
  when: ["format"],
  check({ ws, rs, compareFormat }, ctx) {
    if (compareFormat && typeof rs.format === "string" && rs.format !== ws.format)
      ctx.report({ format: rs.format });
  },
} as const satisfies CompatRule<"string">;
