import { additionalAt } from "../algebra/keys.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule, RuleContext } from "../rule-types.js";
import {
  type At,
  acceptsEverything,
  child,
  isObject,
  rejectsEverything,
  type SchemaObject,
} from "../schema-walk.js";

export const propertyNamesChanged = {
  id: "property-names-changed",
  description:
    "The reader restricts property names (propertyNames) more than the writer (semantic profile only).",
  message: "the reader restricts property names (`propertyNames`)",
  hint: "Objects with keys outside the new name schema now fail. Relax propertyNames, or restrict writers first.",
  severity: whenChecked("error"),
  site: "property-names",
  when: ["propertyNames"],
  check({ w, r, ws, rs, profile, compareFormat }, ctx) {
    // A `format` in the name schema is asserted on every name when formats are compared.
    if (
      profile === "confluent" ||
      rs.propertyNames === undefined ||
      acceptsEverything(rs.propertyNames, !compareFormat)
    )
      return;
    if (namesAccepted(w, r, ws, ctx)) return;
    if (ws.propertyNames === undefined || !ctx.holds(child(w, "propertyNames"), child(r, "propertyNames")))
      ctx.report();
  },
} as const satisfies CompatRule<"property-names">;

/** A closed writer sends only the names it declares: each is checked by ajv against the reader's `propertyNames`. */
function namesAccepted(w: At, r: At, ws: SchemaObject, ctx: RuleContext): boolean {
  if (ws.patternProperties !== undefined || !rejectsEverything(additionalAt(w, ws).schema)) return false;
  const names = Object.keys(isObject(ws.properties) ? ws.properties : {});
  const at = ctx.deref("reader", child(r, "propertyNames"));
  return names.every((n) => ctx.validates("reader", at, n) === true);
}
