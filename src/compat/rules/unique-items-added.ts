import { type KeywordRule, num } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const uniqueItemsAdded = {
  id: "unique-items-added",
  description: "The reader requires uniqueItems; the writer does not.",
  message: "the reader requires unique items",
  hint: "Arrays with duplicates already on the wire now fail. De-duplicate at writers first.",
  severity: whenChecked("error"),
  applies: "array",
  check({ ws, rs, profile }, report) {
    // An array of at most one item has no duplicates.
    if (profile === "semantic" && (num(ws.maxItems) ?? Number.POSITIVE_INFINITY) <= 1) return;
    if (rs.uniqueItems === true && ws.uniqueItems !== true) report("the reader requires unique items");
  },
} as const satisfies KeywordRule;
