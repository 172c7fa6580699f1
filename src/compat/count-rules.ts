// Checks shared by the rules that compare one count keyword (lengths, item and property counts).
import { num } from "./algebra/bounds.js";
import type { CompatRule } from "./rule-types.js";

type CountSite = "string" | "array" | "object";

/**
 * A count that only the reader raised (`minLength`, `minItems`; absent is 0), reported with its
 * `{from}` and `{to}`. `witness` turns the writer's minimum into a value the reader rejects, where one is obvious.
 */
export function minimumRose<S extends CountSite>(
  keyword: string,
  witness?: (writerMin: number) => unknown,
): CompatRule<S>["check"] {
  return ({ ws, rs }, ctx) => {
    const wMin = num(ws[keyword]) ?? 0;
    const rMin = num(rs[keyword]) ?? 0;
    if (rMin > wMin) ctx.report({ from: wMin, to: rMin }, { witness: witness?.(wMin) });
  };
}

/** A count that only the reader lowered (`maxLength`, `maxItems`, `maxProperties`; absent is ∞). */
export function maximumFell<S extends CountSite>(keyword: string): CompatRule<S>["check"] {
  return ({ ws, rs }, ctx) => {
    const wMax = num(ws[keyword]) ?? Number.POSITIVE_INFINITY;
    const rMax = num(rs[keyword]) ?? Number.POSITIVE_INFINITY;
    if (rMax < wMax) ctx.report({ from: wMax, to: rMax });
  };
}
