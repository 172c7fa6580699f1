import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const notOverlaps = {
  id: "not-overlaps",
  description: "The reader's `not` excludes values the writer may send.",
  message: "the reader excludes values (`not`) that the writer may send",
  hint: "A wider `not` rejects values that were valid. Keep the reader's `not` no wider than the writer's.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
