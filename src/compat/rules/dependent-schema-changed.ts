import { recordOf } from "../algebra/bounds.js";
import { neverSends, schemaDeps } from "../algebra/keys.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { child, isObject } from "../schema-walk.js";

export const dependentSchemaChanged = {
  id: "dependent-schema-changed",
  description:
    "The reader applies a schema whenever a property is present (dependentSchemas / schema dependencies) that the writer does not guarantee.",
  message: 'the reader applies a schema whenever "{property}" is present',
  hint: "Objects with the trigger property may not satisfy the new dependent schema. Add the same dependency to writers first.",
  severity: whenChecked("error"),
  site: "dependencies",
  when: ["dependencies", "dependentSchemas"],
  check({ w, r, ws, rs, profile, writerDeclaredKeysOnly }, ctx) {
    const wSchemas = { ...schemaDeps(ws.dependencies), ...recordOf(ws.dependentSchemas) };
    for (const rKw of ["dependencies", "dependentSchemas"] as const) {
      const rSchemas = rKw === "dependencies" ? schemaDeps(rs.dependencies) : recordOf(rs.dependentSchemas);
      for (const key of Object.keys(rSchemas)) {
        if (profile !== "confluent" && neverSends(w, ws, key, writerDeclaredKeysOnly)) continue;
        const wKw =
          isObject(ws.dependentSchemas) && key in ws.dependentSchemas ? "dependentSchemas" : "dependencies";
        if (!(key in wSchemas) || !ctx.holds(child(w, wKw, key), child(r, rKw, key)))
          ctx.report({ property: key });
      }
    }
  },
} as const satisfies CompatRule<"dependencies">;
