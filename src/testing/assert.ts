// The throwing forms, for vitest, jest or node:test: the same checks, a readable error on failure.
import { formatResult } from "./check.js";
import { checkDeadLetters } from "./properties/dead-letters.js";
import { checkIdempotent } from "./properties/idempotent.js";
import { checkReorderTolerant } from "./properties/reorder-tolerant.js";
import { checkReplay, type Projection } from "./properties/replay.js";
import { checkSaga } from "./properties/saga.js";
import type { ServiceUnderTest } from "./subject.js";
import type { GeneratedClient, PropertyResult, RunOptions, SagaRunOptions } from "./types.js";

/** Thrown by the `assert*` helpers; `result` is the data form. */
export class PropertyFailure extends Error {
  readonly result: PropertyResult;
  constructor(result: PropertyResult) {
    super(formatResult(result));
    this.name = "PropertyFailure";
    this.result = result;
  }
}

function orThrow(result: PropertyResult): PropertyResult {
  if (!result.ok) throw new PropertyFailure(result);
  return result;
}

/** {@link checkIdempotent}, throwing a {@link PropertyFailure} with the readable report when it fails. */
export async function assertIdempotent<C extends GeneratedClient, D>(
  s: ServiceUnderTest<C, D>,
  o?: RunOptions,
) {
  return orThrow(await checkIdempotent(s, o));
}
/** {@link checkReorderTolerant}, throwing a {@link PropertyFailure} when it fails. */
export async function assertReorderTolerant<C extends GeneratedClient, D>(
  s: ServiceUnderTest<C, D>,
  o?: RunOptions,
) {
  return orThrow(await checkReorderTolerant(s, o));
}
/** {@link checkDeadLetters}, throwing a {@link PropertyFailure} when it fails. */
export async function assertDeadLetters<C extends GeneratedClient, D>(
  s: ServiceUnderTest<C, D>,
  o?: RunOptions,
) {
  return orThrow(await checkDeadLetters(s, o));
}
/** {@link checkReplay}, throwing a {@link PropertyFailure} when it fails. */
export async function assertReplay<S, E>(p: Projection<S, E>, o?: RunOptions) {
  return orThrow(await checkReplay(p, o));
}

/** {@link checkSaga}, throwing a {@link PropertyFailure} when it fails. */
export async function assertSaga<C extends GeneratedClient, D>(
  s: ServiceUnderTest<C, D>,
  o?: SagaRunOptions,
) {
  return orThrow(await checkSaga(s, o));
}

/**
 * Every property that applies to what the service receives: idempotent, reorder-tolerant,
 * dead-letters, and saga when its document declares an `x-eventline-saga`.
 */
export async function checkAll<C extends GeneratedClient, D>(
  s: ServiceUnderTest<C, D>,
  o?: RunOptions,
): Promise<PropertyResult[]> {
  const results = [
    await checkIdempotent(s, o),
    await checkReorderTolerant(s, o),
    await checkDeadLetters(s, o),
  ];
  if (s.contract.sagas.length > 0) results.push(await checkSaga(s, o));
  return results;
}

/** {@link checkAll}, throwing a {@link PropertyFailure} for the first property that fails. */
export async function assertAll<C extends GeneratedClient, D>(s: ServiceUnderTest<C, D>, o?: RunOptions) {
  const results = await checkAll(s, o);
  const failed = results.find((r) => !r.ok);
  if (failed) throw new PropertyFailure(failed);
  return results;
}
