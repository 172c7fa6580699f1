import { type KeywordRule, num } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const multipleOfChanged = {
  id: "multiple-of-changed",
  description: "The reader's multipleOf does not divide the writer's.",
  message: "the reader requires multiples of {multipleOf}",
  hint: "A coarser multipleOf rejects existing values. Only relax it (use a divisor of the old value), or change writers first.",
  severity: whenChecked("error"),
  applies: "number",
  check({ ws, rs, integersOnly }, report) {
    const rm = num(rs.multipleOf);
    if (rm === undefined || rm <= 0) return;
    const wm = num(ws.multipleOf);
    const divides = (a: number) => Math.abs(a / rm - Math.round(a / rm)) < 1e-9;
    const ok = (wm !== undefined && divides(wm)) || (integersOnly && divides(1));
    if (!ok) report(`the reader requires multiples of ${rm}`);
  },
} as const satisfies KeywordRule;
