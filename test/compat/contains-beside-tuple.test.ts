import { describe, expect, it } from "vitest";
import { containsBesideTuple } from "../../src/compat/contains-beside-tuple.js";
import { isSubset } from "../../src/compat/is-subset.js";
import { createAjv } from "../../src/schema/ajv.js";

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

// A verdict the 100,000-pair adversarial run refuted (bench/soundness.mjs, seed 20261206): the
// reader's `not` gained `prefixItems` and `uniqueItems` beside its `contains`. By the keywords it
// excludes fewer arrays (compatible), but ajv skips `contains` inside the `not` on `[]`, so the reader
// rejects `[]`, which the writer accepts.
const BENCH_PAIR = JSON.parse(
  '{"writer":{"maximum":3,"multipleOf":0.5,"not":{"contains":{"minLength":0,"pattern":"^ab"}},"$defs":{"A":{"type":"object","properties":{"b":{"multipleOf":0.3},"ab":true}},"B":{"type":"object","dependentRequired":{"a":["b"]},"required":["a","b","ab"],"minProperties":0}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"reader":{"maximum":3,"multipleOf":0.5,"not":{"contains":{"minLength":0,"pattern":"^ab"},"prefixItems":[{"prefixItems":[{"maxLength":3},{"exclusiveMinimum":0}]},{"exclusiveMinimum":1}],"uniqueItems":true},"$defs":{"A":{"type":"object","properties":{"b":{"multipleOf":0.3},"ab":true}},"B":{"type":"object","dependentRequired":{"a":["b"]},"required":["a","b","ab"],"minProperties":0}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"witness":[]}',
) as { writer: object; reader: object; witness: unknown };

const inNot = { $schema: DRAFT_2020, not: { prefixItems: [{ minimum: 1 }], contains: {} } };

function accepts(schema: object, value: unknown): boolean {
  return createAjv("2020-12", { allErrors: true, logger: false }).validate(schema, value) as boolean;
}

describe("contains beside a tuple inside not/if", () => {
  it("is a schema ajv checks otherwise than its keywords say", () => {
    expect(accepts(BENCH_PAIR.writer, BENCH_PAIR.witness)).toBe(true);
    expect(accepts(BENCH_PAIR.reader, BENCH_PAIR.witness)).toBe(false);
    // `[]` contains nothing, so the `not` should pass: ajv rejects it all the same.
    expect(accepts(inNot, [])).toBe(false);
    expect(accepts({ $schema: DRAFT_2020, not: { contains: {} } }, [])).toBe(true);
  });

  it("is reported unprovable, not compatible", () => {
    for (const [writer, reader] of [
      [BENCH_PAIR.writer, BENCH_PAIR.reader],
      [{ type: "array" }, inNot],
      [{ $schema: DRAFT_2020, if: inNot.not, else: { minItems: 5 } }, { type: "array" }],
    ] as const) {
      const findings = isSubset(writer, reader);
      expect(findings.map((f) => f.ruleId)).toEqual(["unprovable"]);
      expect(findings[0]?.message).toContain("`contains` beside a tuple");
    }
  });

  it("leaves contains alone where ajv checks it", () => {
    const plain = { $schema: DRAFT_2020, prefixItems: [{ minimum: 1 }], contains: {} };
    expect(containsBesideTuple(plain, plain)).toBe(false);
    const trivialTuple = { not: { prefixItems: [{}, true], contains: {} } };
    expect(containsBesideTuple(trivialTuple, trivialTuple)).toBe(false);
    const viaRef = {
      not: { $ref: "#/$defs/T" },
      $defs: { T: { items: [{ type: "string" }], contains: {} } },
    };
    expect(containsBesideTuple(viaRef, viaRef)).toBe(true);
  });
});
