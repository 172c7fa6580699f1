import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adversarialPair } from "../../src/compat/adversarial-pairs.js";
import { isSubset } from "../../src/compat/is-subset.js";
import { refute } from "../../src/compat/refute.js";
import { createAjv } from "../../src/schema/ajv.js";

/**
 * Soundness: whenever isSubset says "compatible", no instance valid under the writer may be invalid
 * under the reader. Schemas come from a small grammar and instances from the same small universe of
 * keys and values, so valid instances are common enough to refute a wrong verdict.
 * `EVENTLINE_SOUNDNESS_RUNS` raises the number of pairs (npm run test:soundness).
 */
const RUNS = Number(process.env.EVENTLINE_SOUNDNESS_RUNS ?? 300);
const SEED = Number(process.env.EVENTLINE_SOUNDNESS_SEED ?? 20261126);
const KEYS = ["a", "b", "c"];

const leaf: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      type: fc.constant("string"),
      minLength: fc.integer({ min: 0, max: 3 }),
      maxLength: fc.integer({ min: 0, max: 4 }),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record(
    {
      type: fc.constantFrom("number", "integer"),
      minimum: fc.integer({ min: -2, max: 2 }),
      exclusiveMaximum: fc.integer({ min: -1, max: 3 }),
      multipleOf: fc.constantFrom(1, 2, 0.5),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record({
    enum: fc.uniqueArray(fc.constantFrom("x", "y", 1, 2, null, true), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ type: fc.subarray(["string", "number", "null", "boolean"], { minLength: 1 }) }),
  fc.constant({}),
);

const schema: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("object"),
    tie("array"),
    tie("anyOf"),
  ),
  object: fc.record(
    {
      type: fc.constant("object"),
      properties: fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { maxKeys: 3 }),
      required: fc.subarray(KEYS),
      additionalProperties: fc.oneof(fc.constant(false), fc.constant(true), leaf),
    },
    { requiredKeys: ["type"] },
  ),
  array: fc.record(
    {
      type: fc.constant("array"),
      items: tie("node"),
      minItems: fc.integer({ min: 0, max: 2 }),
      maxItems: fc.integer({ min: 0, max: 3 }),
    },
    { requiredKeys: ["type"] },
  ),
  anyOf: fc.record({ anyOf: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
})).node;

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom("", "x", "y", "ab", "abcd", 1, 2, -1, 0, 0.5, 2.5, 3, null, true, false),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS, "d"), tie("v"), { maxKeys: 4 }),
  ),
})).v;

describe("isSubset soundness", () => {
  it(
    `never calls a pair compatible that an instance refutes (${RUNS} pairs)`,
    () => {
      const ajv = createAjv("2020-12", { validateFormats: false });
      let compatible = 0;
      fc.assert(
        fc.property(
          schema,
          schema,
          fc.array(value, { minLength: 60, maxLength: 60 }),
          (writer, reader, values) => {
            if (isSubset(writer, reader).length > 0) return true;
            compatible++;
            const w = ajv.compile(writer as object);
            const r = ajv.compile(reader as object);
            for (const v of values) {
              if (w(v) && !r(v)) return false;
            }
            return true;
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      console.log(`soundness: ${RUNS} pairs, ${compatible} judged compatible, 0 refuted`);
      expect(compatible).toBeGreaterThan(0);
    },
    Math.max(60_000, RUNS * 30),
  );
});

/**
 * The same claim over adversarial pairs (src/compat/adversarial-pairs.ts): keywords that act on each
 * other — combinators beside keywords, `$ref` with siblings and shared targets, finite writers,
 * overlapping patterns, conditionals, unevaluated*, a draft without the keyword — in nearby pairs.
 * Each "compatible" verdict is checked by random instances and by the witness search; a message ajv
 * accepts under the writer and rejects under the reader fails the run, printing the pair.
 */
describe("isSubset soundness on adversarial pairs", () => {
  it(
    `never calls a pair compatible that a message refutes (${RUNS} pairs)`,
    () => {
      let compatible = 0;
      fc.assert(
        fc.property(adversarialPair, ({ writer, reader }) => {
          if (isSubset(writer, reader).length > 0) return;
          compatible++;
          const r = refute(writer, reader);
          if (r.status === "refuted")
            throw new Error(
              `"compatible", but ${JSON.stringify(r.value)} is valid under the writer and not under the reader:\n` +
                `writer ${JSON.stringify(writer)}\nreader ${JSON.stringify(reader)}`,
            );
        }),
        { numRuns: RUNS, seed: SEED },
      );
      console.log(`adversarial soundness: ${RUNS} pairs, ${compatible} judged compatible, 0 refuted`);
      expect(compatible).toBeGreaterThan(RUNS / 5);
    },
    Math.max(60_000, RUNS * 60),
  );
});
