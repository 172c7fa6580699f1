import { recordOf, strings } from "../algebra/bounds.js";
import { neverSends } from "../algebra/keys.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";

export const dependentRequiredAdded = {
  id: "dependent-required-added",
  description:
    "The reader requires properties whenever another is present (dependentRequired / array dependencies) and the writer does not guarantee them.",
  message: 'the reader requires {missing} whenever "{property}" is present',
  hint: "Objects with the trigger property but without its dependents now fail. Add the dependency to writers first.",
  severity: whenChecked("error"),
  site: "dependencies",
  when: ["dependencies", "dependentRequired"],
  check({ w, ws, rs, profile, writerDeclaredKeysOnly }, ctx) {
    const wDeps = { ...recordOf(ws.dependencies), ...recordOf(ws.dependentRequired) };
    const wRequired = new Set(strings(ws.required));
    // Both reader keywords apply when both are written: neither record may hide the other's entry.
    const rDeps = [
      ...Object.entries(recordOf(rs.dependencies)),
      ...Object.entries(recordOf(rs.dependentRequired)),
    ];
    for (const [key, need] of rDeps) {
      if (profile !== "confluent" && neverSends(w, ws, key, writerDeclaredKeysOnly)) continue;
      if (!Array.isArray(need)) continue;
      const have = new Set([...strings(wDeps[key]), ...wRequired]);
      const missing = strings(need).filter((n) => !have.has(n));
      if (missing.length > 0) ctx.report({ missing: missing.join(", "), property: key });
    }
  },
} as const satisfies CompatRule<"dependencies">;
