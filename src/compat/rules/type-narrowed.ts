import { whenChecked } from "../mode-severity.js";
import type { CompatRuleMeta } from "../rule-meta.js";

export const typeNarrowed = {
  id: "type-narrowed",
  description: "The reader accepts fewer JSON types than the writer sends (including number to integer).",
  message: "the writer may send {types}; the reader accepts only {accepted}",
  hint: "Messages of the removed type fail validation in the new reader. Keep the type in the reader's `type` list, or publish the narrower schema as a new major version (x-eventline-version).",
  severity: whenChecked("error"),
} as const satisfies CompatRuleMeta;
