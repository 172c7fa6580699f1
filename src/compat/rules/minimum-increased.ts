import { describeBound, integerLower, lower } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const minimumIncreased = {
  id: "minimum-increased",
  description: "The reader's lower bound (minimum/exclusiveMinimum) is higher than the writer's.",
  message: "the reader's lower bound is {bound}",
  hint: "Smaller numbers already on the wire now fail. Keep the old lower bound in readers.",
  severity: whenChecked("error"),
  site: "number",
  when: ["minimum", "exclusiveMinimum"],
  check({ ws, rs, integersOnly, profile }, ctx) {
    const wl = lower(ws);
    const rl = lower(rs);
    if (!rl) return;
    // Integers only: bounds compare as the least integer each admits (`exclusiveMinimum: 0` is
    // `minimum: 1`). Confluent's checker compares them as written.
    if (integersOnly && profile === "semantic" && wl && integerLower(rl) <= integerLower(wl)) return;
    const narrower = !wl || rl.value > wl.value || (rl.value === wl.value && rl.exclusive && !wl.exclusive);
    if (!narrower) return;
    // Integers only: an exclusive bound below the writer's next integer excludes nothing it sends.
    if (integersOnly && wl && rl.exclusive && !wl.exclusive && Math.ceil(rl.value + 1e-9) <= wl.value) return;
    ctx.report({ bound: describeBound(rl, ">") });
  },
} as const satisfies CompatRule<"number">;
