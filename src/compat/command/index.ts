// `eventline compat` as a library: the CLI command only parses options and formats.
export {
  type Acknowledgement,
  applyAcknowledgements,
  DEFAULT_ACKNOWLEDGED_FILE,
  loadAcknowledgements,
} from "./acknowledgements.js";
export { detectInput, type InputKind } from "./detect.js";
export { resolveRef, snapshotAtRef } from "./git.js";
export {
  type CatalogHistory,
  type CatalogVersion,
  catalogHistory,
  DEFAULT_MAX_VERSIONS,
  HISTORY_KINDS,
  type HistoryKind,
} from "./history.js";
export {
  type CompatJson,
  type CompatJsonChange,
  fails,
  formatCompatJson,
  isCompatible,
  toCompatJson,
  toReport,
  verdictLine,
} from "./report.js";
export { type CompatInput, runCompat } from "./run.js";
export { CLI_MODES, type CliMode, type CompatChange, type CompatResult } from "./types.js";
