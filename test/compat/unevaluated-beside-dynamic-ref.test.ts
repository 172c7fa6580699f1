import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { createAjv } from "../../src/schema/ajv.js";

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

// The first refuted verdict of the 100,000-pair adversarial run (bench/soundness.mjs, seed 20261206):
// the reader's `$defs/A` gained an `anyOf` branch holding a `$ref`, beside `unevaluatedProperties`.
// Kept as JSON text: its `then` keys would make an object literal look like a promise to linters.
const BENCH_PAIR = JSON.parse(
  '{"writer":{"properties":{"ab":{"prefixItems":[{"const":"a"},{}],"minContains":0,"items":{"type":"object","patternProperties":{"^[ab]+$":{"maxLength":2,"maximum":2}},"dependentRequired":{"ab":["a"]},"unevaluatedProperties":{"format":"date","enum":[2,"a"]},"$ref":"#/$defs/A"}},"b":{"additionalProperties":{"exclusiveMaximum":2}}},"$defs":{"A":{"contains":{"exclusiveMinimum":0,"not":{"minimum":0,"enum":[[],2]}},"minContains":3},"B":{"type":"object","additionalProperties":{"pattern":"^a","if":{"format":"date","maximum":1,"not":{"type":"array","uniqueItems":true}},"then":{"additionalProperties":{"maximum":0},"maxProperties":2,"minProperties":2},"else":true}}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"reader":{"properties":{"ab":{"anyOf":[{"prefixItems":[{"const":"a"},{}],"minContains":0,"items":{"type":"object","patternProperties":{"^[ab]+$":{"maxLength":2,"maximum":2}},"dependentRequired":{"ab":["a"]},"unevaluatedProperties":{"format":"date","enum":[2,"a"]},"$ref":"#/$defs/A"}},{"exclusiveMinimum":-1,"if":false,"then":true,"else":{"type":["integer"],"not":{"minimum":0}}}]},"b":{"additionalProperties":{"exclusiveMaximum":2}}},"$defs":{"A":{"anyOf":[{"contains":{"exclusiveMinimum":0,"not":{"minimum":0,"enum":[[],2]}},"minContains":3},{"format":"date","type":"string","$ref":"#/$defs/B"}]},"B":{"type":"object","additionalProperties":{"pattern":"^a","if":{"format":"date","maximum":1,"not":{"type":"array","uniqueItems":true}},"then":{"additionalProperties":{"maximum":0},"maxProperties":2,"minProperties":2},"else":true}}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"witness":{"ab":["a",{},{"bbbabbb":""}]}}',
) as { writer: object; reader: object; witness: unknown };

/** The same shape, small: `unevaluatedProperties` + `patternProperties` beside `anyOf: [.., {$ref}]`. */
const side = (a: unknown) => ({
  $schema: DRAFT_2020,
  type: "object",
  patternProperties: { "^a": {} },
  unevaluatedProperties: false,
  $ref: "#/$defs/A",
  $defs: { A: a, B: { type: "object", additionalProperties: {} } },
});
const SMALL = {
  writer: side({ minProperties: 0 }),
  reader: side({ anyOf: [{ minProperties: 0 }, { type: "string", $ref: "#/$defs/B" }] }),
};

const runtimeAjv = () => createAjv("2020-12", { allErrors: true, validateSchema: false, logger: false });

describe("unevaluated* beside a $ref under a combinator", () => {
  it("is a schema ajv's validator throws on, for a message the writer accepts", () => {
    expect(runtimeAjv().compile(SMALL.writer)({ a: 1 })).toBe(true);
    expect(() => runtimeAjv().compile(SMALL.reader)({ a: 1 })).toThrow(TypeError);
    expect(runtimeAjv().compile(BENCH_PAIR.writer)(BENCH_PAIR.witness)).toBe(true);
    expect(() => runtimeAjv().compile(BENCH_PAIR.reader)(BENCH_PAIR.witness)).toThrow(TypeError);
  });

  it("is reported unprovable, never compatible", () => {
    for (const { writer, reader } of [SMALL, BENCH_PAIR]) {
      const findings = isSubset(writer, reader);
      expect(findings.map((f) => f.ruleId)).toContain("unprovable");
      expect(findings.map((f) => f.message).join("\n")).toContain("beside a $ref under anyOf/oneOf/if");
    }
  });

  it("leaves the same keywords alone when no $ref sits under the combinator", () => {
    const plain = side({ anyOf: [{ minProperties: 0 }, { type: "string" }] });
    expect(isSubset(plain, plain)).toEqual([]);
  });
});
