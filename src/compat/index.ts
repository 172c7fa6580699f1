// Schema compatibility engine (issue 3, in progress): the `isSubset` primitive and modes.
// Not wired into the CLI yet.
export type { CompatFinding } from "./finding.js";
export { type CompatProfile, isSubset, type SubsetOptions } from "./is-subset.js";
export { checkCompatibility, type DirectedFinding } from "./modes.js";
export { COMPAT_RULES, type CompatRuleId, compatRule } from "./registry.js";
export type { CompatRuleMeta } from "./rule-meta.js";
