import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const patternChanged = {
  id: "pattern-changed",
  description:
    "The reader requires a pattern the writer does not have. Patterns are compared by text, so any change counts (a pattern that matches every string, such as an unanchored `[a-z]*`, is none).",
  message: "the reader requires pattern {pattern}",
  hint: "Regular-expression inclusion is not decided here, so any new or changed pattern is breaking. Keep the writer's pattern in readers, or add the new pattern to writers first.",
  severity: whenChecked("error"),
  site: "string",
  when: ["pattern"],
  check({ ws, rs, profile }, ctx) {
    if (profile === "semantic" && typeof rs.pattern === "string" && matchesEveryString(rs.pattern)) return;
    if (typeof rs.pattern === "string" && rs.pattern !== ws.pattern)
      ctx.report({ pattern: JSON.stringify(rs.pattern) });
  },
} as const satisfies CompatRule<"string">;

/**
 * A pattern that matches the empty string and asserts nothing about where it matches (no anchor,
 * word boundary or lookaround) matches every string: `pattern` is a search, and that empty match
 * is found at the start of any string (`[a-z]*`).
 */
export function matchesEveryString(pattern: string): boolean {
  if (/[\^$]|\\[bB]|\(\?/.test(pattern)) return false;
  try {
    return new RegExp(pattern, "u").test("");
  } catch {
    return false;
  }
}
