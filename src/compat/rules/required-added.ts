import { recordOf, strings } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { isObject } from "../schema-walk.js";

export const requiredAdded = {
  id: "required-added",
  description: "The reader requires a property the writer may omit.",
  message: 'the reader requires "{property}", which the writer may omit',
  hint: "Messages written without the property fail validation. Keep it optional in readers (default it in code), or require it in writers first. Confluent accepts a required property that has a `default`; validation does not, so only the confluent profile does.",
  severity: whenChecked("error"),
  site: "object",
  when: ["required"],
  check({ ws, rs, profile }, ctx) {
    const wRequired = new Set(strings(ws.required));
    const rProperties = recordOf(rs.properties);
    for (const name of strings(rs.required)) {
      if (profile === "confluent" && confluentAcceptsRequired(rProperties, name)) continue;
      if (!wRequired.has(name)) ctx.report({ property: name });
    }
  },
} as const satisfies CompatRule<"object">;

/**
 * Confluent compares `required` only for properties declared on both sides, and treats a newly
 * required property that has a `default` as compatible (its readers fill the default in). Neither
 * holds under validation semantics: the value is still rejected by a validating reader.
 */
function confluentAcceptsRequired(readerProperties: Record<string, unknown>, name: string): boolean {
  const declared = readerProperties[name];
  if (declared === undefined) return true;
  return isObject(declared) && "default" in declared;
}
