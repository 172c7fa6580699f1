import { num, strings } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const minPropertiesIncreased = {
  id: "min-properties-increased",
  description: "The reader's minProperties is larger than the writer's.",
  message: "minProperties rose from {from} to {to}",
  hint: "Objects with fewer properties already on the wire now fail. Keep the old minProperties in readers.",
  severity: whenChecked("error"),
  site: "object",
  when: ["minProperties"],
  check({ ws, rs, profile }, ctx) {
    const declared = num(ws.minProperties) ?? 0;
    // Every object the writer sends has its required properties: that many at least.
    const required = profile === "semantic" ? new Set(strings(ws.required)).size : 0;
    const wMin = Math.max(declared, required);
    const rMin = num(rs.minProperties) ?? 0;
    if (rMin > wMin) ctx.report({ from: declared, to: rMin });
  },
} as const satisfies CompatRule<"object">;
