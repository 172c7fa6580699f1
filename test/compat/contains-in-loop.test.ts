import { describe, expect, it } from "vitest";
import { containsInLoop } from "../../src/compat/contains-in-loop.js";
import { isSubset } from "../../src/compat/is-subset.js";
import { createAjv } from "../../src/schema/ajv.js";

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

// A verdict a 100,000-pair adversarial run refuted (bench/soundness.mjs --seed 7): the reader's
// `additionalProperties` keeps `contains: true` where the writer's has a subschema. Every array the
// writer allows has an item, by its keywords; ajv lets the writer's `"aaba": []` through after the
// non-empty array before it, and the reader rejects it.
const BENCH_PAIR = JSON.parse(
  '{"writer":{"type":"object","properties":{"ab":{"type":"array","maxItems":0,"minItems":1}},"additionalProperties":{"type":"array","contains":{"dependentSchemas":{"a":{"minimum":1,"format":"email"}},"patternProperties":{"b$":{},"^[ab]+$":{"multipleOf":1,"$ref":"#/$defs/A"}}},"maxItems":2},"$ref":"#/$defs/B","$defs":{"A":{"enum":[-1],"exclusiveMinimum":-1},"B":{"maximum":0}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"reader":{"type":"object","properties":{"ab":{"type":"array","maxItems":0,"minItems":1}},"additionalProperties":{"type":"array","contains":true},"$ref":"#/$defs/B","$defs":{"A":{"enum":[-1],"exclusiveMinimum":-1},"B":{"maximum":0}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"witness":{"baaababbbbb":[{}],"aaba":[]}}',
) as { writer: object; reader: object; witness: unknown };

const inLoop = { $schema: DRAFT_2020, additionalProperties: { contains: { minimum: 1 } } };

function accepts(schema: object, value: unknown): boolean {
  return createAjv("2020-12", { allErrors: true, logger: false }).validate(schema, value) as boolean;
}

describe("contains needing one match, inside a loop", () => {
  it("is a schema ajv checks otherwise than its keywords say", () => {
    expect(accepts(BENCH_PAIR.writer, BENCH_PAIR.witness)).toBe(true);
    expect(accepts(BENCH_PAIR.reader, BENCH_PAIR.witness)).toBe(false);
    // `[]` has no item of at least 1: alone it fails, after `[5]` it passes.
    expect(accepts(inLoop, { b: [] })).toBe(false);
    expect(accepts(inLoop, { a: [5], b: [] })).toBe(true);
  });

  it("is reported unprovable, not compatible", () => {
    for (const [writer, reader] of [
      [BENCH_PAIR.writer, BENCH_PAIR.reader],
      [inLoop, { $schema: DRAFT_2020, additionalProperties: { type: "array", minItems: 1 } }],
      [
        { type: "array" },
        {
          $schema: DRAFT_2020,
          items: { $ref: "#/$defs/C" },
          $defs: { C: { contains: {}, minItems: 0, maxItems: 3, items: { contains: { type: "string" } } } },
        },
      ],
    ] as const) {
      const findings = isSubset(writer, reader);
      expect(findings.map((f) => f.ruleId)).toEqual(["unprovable"]);
      expect(findings[0]?.message).toContain("lets an empty array pass");
    }
  });

  it("leaves contains alone where ajv checks it", () => {
    const once = { properties: { a: { contains: { minimum: 1 } }, b: { contains: { minimum: 1 } } } };
    expect(containsInLoop(once, once)).toBe(false);
    expect(accepts(once, { a: [5], b: [] })).toBe(false);
    // A count other than "at least one" starts from a set value in ajv's code.
    const counted = { items: { contains: { minimum: 1 }, minContains: 2 } };
    expect(containsInLoop(counted, counted)).toBe(false);
    expect(accepts(counted, [[5, 6], [7]])).toBe(false);
    const trivial = { items: { contains: true } };
    expect(containsInLoop(trivial, trivial)).toBe(false);
  });
});
