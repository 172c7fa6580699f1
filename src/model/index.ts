export { createAjv, draftOf, type JsonSchemaDraft } from "../schema/ajv.js";
export { appendPointer, getAtPointer, hasPointer, parsePointer, toPointer } from "../schema/pointer.js";
export {
  CONFIG_FILE_NAMES,
  type ConfigInput,
  DEFAULT_DOCUMENTS,
  type EventlineConfig,
  loadConfig,
  resolveConfig,
} from "./config.js";
export { catalogFromResolvedDocument } from "./from-resolved.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";
export { type LoadCatalogOptions, type LoadedCatalog, loadCatalog } from "./load-catalog.js";
export { resolvePositions } from "./positions.js";
export * from "./types.js";
