import { num } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { child } from "../schema-walk.js";

export const containsChanged = {
  id: "contains-changed",
  description: "The reader's contains/minContains/maxContains is not guaranteed by the writer.",
  message: "the reader requires items (`contains`) the writer does not guarantee",
  messages: { atMost: "the reader allows at most {max} matching items" },
  hint: "Arrays without the required items now fail. Keep the reader's contains no stricter than the writer's.",
  severity: whenChecked("error"),
  site: "contains",
  when: ["contains", "maxContains"],
  check({ w, r, ws, rs }, ctx) {
    if (rs.contains !== undefined) {
      const rMinC = num(rs.minContains) ?? 1;
      const wMinC = num(ws.minContains) ?? 1;
      if (
        ws.contains === undefined ||
        wMinC < rMinC ||
        !ctx.holds(child(w, "contains"), child(r, "contains"))
      )
        ctx.report();
    }
    if (rs.maxContains !== undefined) {
      const rMaxC = num(rs.maxContains) ?? Number.POSITIVE_INFINITY;
      const wMaxC = num(ws.maxContains) ?? Number.POSITIVE_INFINITY;
      // Items matching the reader's `contains` are at most those matching the writer's when the
      // reader's fits inside the writer's (compared by meaning: equal text may name another target).
      if (
        ws.contains === undefined ||
        wMaxC > rMaxC ||
        !ctx.holdsReversed(child(r, "contains"), child(w, "contains"))
      )
        ctx.report({ max: rMaxC }, { template: "atMost" });
    }
  },
} as const satisfies CompatRule<"contains">;
