import { num } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const uniqueItemsAdded = {
  id: "unique-items-added",
  description: "The reader requires uniqueItems; the writer does not.",
  message: "the reader requires unique items",
  hint: "Arrays with duplicates already on the wire now fail. De-duplicate at writers first.",
  severity: whenChecked("error"),
  site: "array",
  when: ["uniqueItems"],
  check({ ws, rs, profile }, ctx) {
    // An array of at most one item has no duplicates.
    if (profile === "semantic" && (num(ws.maxItems) ?? Number.POSITIVE_INFINITY) <= 1) return;
    if (rs.uniqueItems === true && ws.uniqueItems !== true) ctx.report();
  },
} as const satisfies CompatRule<"array">;
