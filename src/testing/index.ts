// Entry point of `eventline/testing`: property-based contract tests of a service's behaviour over its
// generated client — idempotent, reorder-tolerant, dead-letters, replay — on deterministic schedules
// with faults, returning data (`check*`) or throwing a readable error (`assert*`).
export {
  assertAll,
  assertDeadLetters,
  assertIdempotent,
  assertReorderTolerant,
  assertReplay,
  assertSaga,
  checkAll,
  PropertyFailure,
} from "./assert.js";
export { formatResult } from "./check.js";
export type { InputMessage, OutputMessage, ServiceContract } from "./contract.js";
export { checkDeadLetters } from "./properties/dead-letters.js";
export { checkIdempotent } from "./properties/idempotent.js";
export { checkReorderTolerant } from "./properties/reorder-tolerant.js";
export { checkReplay, type Projection } from "./properties/replay.js";
export { checkSaga } from "./properties/saga.js";
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
  SagaDefinition,
  SagaFailure,
  SagaInstance,
  SagaInstanceOutcome,
  SagaParticipant,
  SagaRunOptions,
  ServiceDefinition,
} from "./types.js";
