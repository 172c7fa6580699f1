import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const enumAdded = {
  id: "enum-added",
  description: "The reader restricts values to an enum/const list that the writer does not limit itself to.",
  message: "the reader only accepts listed values (enum/const) that the writer does not limit to",
  hint: "Adding an enum to a free-form field rejects every existing value outside the list. Add the enum to writers first (FORWARD), then to readers.",
  severity: whenChecked("error"),
  site: "listed",
  // The engine asks it only where the reader lists its values and the writer's are neither listed
  // nor few enough to try one by one: the reader then rejects every other value the writer may send.
  check(_pair, ctx) {
    ctx.report();
  },
} as const satisfies CompatRule<"listed">;
