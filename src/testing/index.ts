// Entry point of `eventline/testing`: property-based contract tests of a service's behaviour over its
// generated client — idempotent, reorder-tolerant, dead-letters, saga, replay — on deterministic
// schedules with faults, returning data (`check*`) or throwing a readable error (`assert*`).
export { formatResult } from "./check.js";
export type { InputMessage, ServiceContract } from "./contract.js";
export { checkIdempotent } from "./properties/idempotent.js";
export { defineService, type ServiceUnderTest } from "./subject.js";
export type {
  CatalogSource,
  Counterexample,
  GeneratedClient,
  HarnessClientOptions,
  HarnessContext,
  PropertyName,
  PropertyResult,
  RunOptions,
  ServiceDefinition,
} from "./types.js";
