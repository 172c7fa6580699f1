import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const uniqueItemsAdded = {
  id: "unique-items-added",
  description: "The reader requires uniqueItems; the writer does not.",
  message: "the reader requires unique items",
  hint: "Arrays with duplicates already on the wire now fail. De-duplicate at writers first.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
