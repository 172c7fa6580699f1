import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const containsChanged = {
  id: "contains-changed",
  description: "The reader's contains/minContains/maxContains is not guaranteed by the writer.",
  message: "the reader requires items (`contains`) the writer does not guarantee",
  hint: "Arrays without the required items now fail. Keep the reader's contains no stricter than the writer's.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
