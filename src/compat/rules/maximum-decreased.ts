import { describeBound, integerUpper, upper } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const maximumDecreased = {
  id: "maximum-decreased",
  description: "The reader's upper bound (maximum/exclusiveMaximum) is lower than the writer's.",
  message: "the reader's upper bound is {bound}",
  hint: "Larger numbers already on the wire now fail. Keep the old upper bound in readers.",
  severity: whenChecked("error"),
  site: "number",
  when: ["maximum", "exclusiveMaximum"],
  check({ ws, rs, integersOnly, profile }, ctx) {
    const wu = upper(ws);
    const ru = upper(rs);
    if (!ru) return;
    // Integers only: bounds compare as the greatest integer each admits (`exclusiveMaximum: 10` is
    // `maximum: 9`). Confluent's checker compares them as written.
    if (integersOnly && profile === "semantic" && wu && integerUpper(ru) >= integerUpper(wu)) return;
    if (!wu || ru.value < wu.value || (ru.value === wu.value && ru.exclusive && !wu.exclusive))
      ctx.report({ bound: describeBound(ru, "<") });
  },
} as const satisfies CompatRule<"number">;
