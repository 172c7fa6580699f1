import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const oneofOverlap = {
  id: "oneof-overlap",
  description:
    "A writer value may match two branches of the reader's oneOf, which then rejects it (semantic profile only; Confluent accepts this, unsoundly).",
  message:
    "a writer value may match oneOf branches {first} and {second} of the reader, and oneOf rejects a value that matches two",
  hint: "oneOf requires exactly one matching branch: a branch that overlaps another breaks values matching both. Use anyOf, or make branches disjoint (different types, or a required discriminator property with distinct const values).",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
