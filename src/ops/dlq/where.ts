import { EventlineError } from "../../errors.js";
import { ERROR_HEADERS } from "./record.js";

/** One `--where`: `header=value` (equal), `header~text` (contains), or bare text (the error contains it). */
export type RecordMatcher = (headers: Readonly<Record<string, string>>) => boolean;

export function parseWhere(expressions: readonly string[]): RecordMatcher {
  const tests = expressions.map((expression): RecordMatcher => {
    const at = /^([A-Za-z0-9_.-]+)([=~])(.*)$/s.exec(expression);
    if (!at) {
      if (expression.trim() === "") {
        throw new EventlineError("USAGE", "--where needs header=value, header~text or some error text");
      }
      return (h) => (h[ERROR_HEADERS.error] ?? "").includes(expression);
    }
    const [, name, op, value] = at as unknown as [string, string, string, string];
    return op === "=" ? (h) => h[name] === value : (h) => (h[name] ?? "").includes(value);
  });
  return (headers) => tests.every((t) => t(headers));
}
