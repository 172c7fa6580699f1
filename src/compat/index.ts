// Schema compatibility engine: the `isSubset` primitive, modes and the rule registry. The CLI reaches
// it through the document-level diff (catalog-diff/) and the command library (command/).
export type { CompatFinding } from "./finding.js";
export { type CompatProfile, isSubset, type SubsetOptions } from "./is-subset.js";
export { checkCompatibility, type DirectedFinding } from "./modes.js";
export { COMPAT_RULES, type CompatRuleId, compatRule } from "./registry.js";
export type { CompatRuleMeta } from "./rule-meta.js";
