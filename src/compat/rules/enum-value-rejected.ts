import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { canonical } from "../schema-walk.js";

export const enumValueRejected = {
  id: "enum-value-rejected",
  description:
    "A value the writer may send (from its enum/const) is rejected by the reader; decided exactly with ajv.",
  message: "the reader rejects the value {value}",
  hint: "Readers must accept every enumerated value writers may still send. Keep the value in the reader's enum (mark it deprecated in its description) until no writer sends it.",
  severity: whenChecked("error"),
  site: "values",
  // Each value the writer may send (its own ajv check, against the whole writer at this place) must
  // be accepted by ajv under the whole reader here, with the formats the runtime checks.
  check({ w, r, values }, ctx) {
    for (const v of values) {
      if (ctx.validates("writer", w, v) === false) continue; // the writer cannot send it either
      const ok = ctx.validates("reader", r, v);
      if (ok === false) ctx.report({ value: canonical(v) }, { witness: v });
      if (ok === undefined) ctx.unprovable();
    }
  },
} as const satisfies CompatRule<"values">;
