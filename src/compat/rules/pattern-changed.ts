import type { KeywordRule } from "../keyword-rule.js";
import { whenChecked } from "../mode-severity.js";

export const patternChanged = {
  id: "pattern-changed",
  description:
    "The reader requires a pattern the writer does not have. Patterns are compared by text, so any change counts.",
  message: "the reader requires pattern {pattern}",
  hint: "Regular-expression inclusion is not decided here, so any new or changed pattern is breaking. Keep the writer's pattern in readers, or add the new pattern to writers first.",
  severity: whenChecked("error"),
  applies: "string",
  check({ ws, rs }, report) {
    if (typeof rs.pattern === "string" && rs.pattern !== ws.pattern)
      report(`the reader requires pattern ${JSON.stringify(rs.pattern)}`);
  },
} as const satisfies KeywordRule;
