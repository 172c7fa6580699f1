// The throwing forms, for vitest, jest or node:test: the same checks, a readable error on failure.
import { formatResult } from "./check.js";
import { checkDeadLetters } from "./properties/dead-letters.js";
import { checkIdempotent } from "./properties/idempotent.js";
import { checkReorderTolerant } from "./properties/reorder-tolerant.js";
import { checkReplay, type Projection } from "./properties/replay.js";
import type { ServiceUnderTest } from "./subject.js";
import type { GeneratedClient, PropertyResult, RunOptions } from "./types.js";

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

/** Every property that applies to what the service receives: idempotent, reorder-tolerant, dead-letters. */
export async function checkAll<C extends GeneratedClient, D>(
  s: ServiceUnderTest<C, D>,
  o?: RunOptions,
): Promise<PropertyResult[]> {
  return [await checkIdempotent(s, o), await checkReorderTolerant(s, o), await checkDeadLetters(s, o)];
}

/** {@link checkAll}, throwing a {@link PropertyFailure} for the first property that fails. */
export async function assertAll<C extends GeneratedClient, D>(s: ServiceUnderTest<C, D>, o?: RunOptions) {
  const results = await checkAll(s, o);
  const failed = results.find((r) => !r.ok);
  if (failed) throw new PropertyFailure(failed);
  return results;
}
