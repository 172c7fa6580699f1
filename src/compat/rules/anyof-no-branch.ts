import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const anyofNoBranch = {
  id: "anyof-no-branch",
  description: "No branch of the reader's anyOf accepts everything a writer alternative sends.",
  message: "no anyOf branch of the reader accepts everything the writer sends",
  hint: "Each writer alternative must fit a reader branch. Keep a branch for every shape writers may still send.",
  severity: whenChecked("error"),
  site: "choice",
  check({ keyword, fits }, ctx) {
    if (keyword === "anyOf" && fits === -1) ctx.report();
  },
} as const satisfies CompatRule<"choice">;
