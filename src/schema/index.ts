// The schema layer: JSON Schema helpers everything above shares (ajv setup, instance generation).
export { createAjv, draftOf, type JsonSchemaDraft, runtimeValidator, runtimeValidatorAt } from "./ajv.js";
export {
  type InstanceOptions,
  type InstancesResult,
  pointerTo,
  tryValidInstances,
  validInstances,
} from "./arbitrary.js";
export { emptyPool, harvest, type SeedPool, schemaArbitrary } from "./candidates.js";
export {
  type NearMiss,
  type NearMissResult,
  nearMissInstances,
  oneStepMutations,
  tryNearMissInstances,
} from "./near-miss.js";
