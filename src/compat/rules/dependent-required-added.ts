import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const dependentRequiredAdded = {
  id: "dependent-required-added",
  description:
    "The reader requires properties whenever another is present (dependentRequired / array dependencies) and the writer does not guarantee them.",
  message: 'the reader requires {missing} whenever "{property}" is present',
  hint: "Objects with the trigger property but without its dependents now fail. Add the dependency to writers first.",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
