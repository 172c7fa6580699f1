// Checking a "compatible" verdict from the outside: a message ajv accepts under the writer's schema
// and rejects under the reader's refutes it. Used by the soundness test and bench/soundness.mjs.
import fc from "fast-check";
import { findWitness, validatorOf } from "./witness.js";

export interface RefuteOptions {
  /** Candidates the witness search draws from the writer's schema (default 300). */
  budget?: number;
  /** Assert `format`, as the semantic profile does (default true). */
  validateFormats?: boolean;
  seed?: number;
  /** Instances tried first, whatever the schemas (default: GENERIC_INSTANCES). */
  instances?: readonly unknown[];
}

export type Refutation =
  | { status: "refuted"; value: unknown }
  | { status: "held" }
  /** ajv refuses one of the schemas: nothing can be checked. */
  | { status: "uncompilable" };

const scalar = fc.constantFrom<unknown>(
  "a",
  "b",
  "ab",
  "ba",
  "",
  "x@y.io",
  "2020-01-01",
  0,
  1,
  2,
  3,
  -1,
  0.5,
  0.1,
  0.3,
  null,
  true,
  false,
);

const instance: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    { arbitrary: scalar, weight: 3 },
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "ab", "c"), tie("v"), { maxKeys: 3 }),
  ),
})).v;

/**
 * Random instances from a small universe of keys and values (the same the adversarial schemas use),
 * drawn once: random sampling that does not depend on either schema.
 */
export const GENERIC_INSTANCES: readonly unknown[] = fc.sample(instance, { numRuns: 400, seed: 20261206 });

/**
 * A message that ajv accepts under `writer` and rejects under `reader`: first among generic random
 * instances, then by the witness search (seeds from both schemas, instances generated from the
 * writer's). "held" means none turned up, not that the pair is compatible.
 */
export function refute(writer: unknown, reader: unknown, options: RefuteOptions = {}): Refutation {
  const formats = options.validateFormats ?? true;
  const accepts = validatorOf(writer, formats);
  const rejects = validatorOf(reader, formats);
  if (!accepts || !rejects) return { status: "uncompilable" };
  for (const v of options.instances ?? GENERIC_INSTANCES)
    if (accepts(v) && !rejects(v)) return { status: "refuted", value: v };
  const found = findWitness(writer, reader, {
    budget: options.budget ?? 300,
    validateFormats: formats,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  return found.status === "found" ? { status: "refuted", value: found.value } : { status: "held" };
}
