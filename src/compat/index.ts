// Schema compatibility engine (issue 3, in progress): the `isSubset` primitive and modes.
// Not wired into the CLI yet.
export type { CompatFinding } from "./finding.js";
export { isSubset, type SubsetOptions } from "./is-subset.js";
export { checkCompatibility, type DirectedFinding } from "./modes.js";
