import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { rejectsEverything } from "../schema-walk.js";

export const schemaRejectsEverything = {
  id: "schema-rejects-everything",
  description:
    "The reader's schema (or subschema) is `false` or `{not: {}}`: it rejects every value the writer may send.",
  message: "the reader accepts no value at all",
  hint: "A `false` subschema rejects every value; forbidding a property the writer sends breaks every reader. Remove the `false`, or only forbid properties the writer never sends (closed writer model).",
  severity: whenChecked("error"),
  site: "reader",
  check({ r }, ctx) {
    if (rejectsEverything(r.schema)) ctx.report();
  },
} as const satisfies CompatRule<"reader">;
