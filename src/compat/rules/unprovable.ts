import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const unprovable = {
  id: "unprovable",
  description:
    "The engine cannot prove compatibility here (for example the reader schema does not compile); reported rather than assumed compatible.",
  message: "the reader schema could not be compiled",
  hint: "Simplify the construct, or check the change by hand and acknowledge the finding with a reason.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
