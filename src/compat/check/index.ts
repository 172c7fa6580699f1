// Compatibility as library functions: compare inputs, apply acknowledgements, return data.
// Formatting is the report layer's (src/report/compat.ts); the CLI only parses flags.
export {
  type Acknowledgement,
  applyAcknowledgements,
  DEFAULT_ACKNOWLEDGED_FILE,
  loadAcknowledgements,
} from "./acknowledgements.js";
export { type CompatInput, runCompat } from "./check.js";
export { compareCatalogs, loadSide } from "./compare-catalogs.js";
export { detectInput, type InputKind } from "./detect.js";
export { CLI_MODES, type CliMode, type CompareOptions, type CompatResult } from "./types.js";
export { fails, isCompatible } from "./verdict.js";
