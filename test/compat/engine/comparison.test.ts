import { describe, expect, it } from "vitest";
import { isSubset } from "../../../src/compat/is-subset.js";
import { createAjv } from "../../../src/schema/ajv.js";
import { manyProperties } from "./over-budget.js";

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

/**
 * A recursive definition whose key `ab` matches both a declared property and a pattern that refers
 * back to the definition: the value schema the engine builds for `ab` (both conjoined) sits at a
 * longer place on every turn of the recursion while its content repeats.
 */
const recursive = (maxLength: number) => ({
  $schema: DRAFT_2020,
  $ref: "#/$defs/B",
  $defs: {
    B: {
      type: "object",
      patternProperties: { "^ab": { $ref: "#/$defs/B" } },
      properties: { ab: { propertyNames: { maxLength } } },
    },
  },
});

// The pair that stopped the 100,000-pair adversarial run (bench/soundness.mjs, seed 20261246, batch
// 39, pair 352): isSubset did not return, growing past 1.5 GB. Kept as JSON text as generated.
const BENCH_PAIR = JSON.parse(
  '{"writer":{"$ref":"#/$defs/B","$defs":{"A":false,"B":{"type":"object","patternProperties":{"^ab":{"type":"object","dependentSchemas":{"ab":{"exclusiveMinimum":-1}},"$ref":"#/$defs/B"}},"properties":{"ab":{"propertyNames":{"format":"email","oneOf":[{"propertyNames":{"pattern":"^a"},"patternProperties":{"^ab":{"minimum":1,"$ref":"#/$defs/A"}},"unevaluatedProperties":{"pattern":"^ab","minimum":-1}},{"const":2,"if":{"maximum":0,"allOf":[{"minimum":1,"exclusiveMaximum":2},{"format":"date"}]},"then":{"minLength":2,"exclusiveMinimum":-1},"else":{"minimum":2}},{"type":"array","unevaluatedItems":{"minimum":-1,"minLength":0},"uniqueItems":true,"maxItems":1}]}}},"minProperties":3}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"reader":{"$ref":"#/$defs/B","$defs":{"A":false,"B":{"type":"object","patternProperties":{"^ab":{"type":"object","dependentSchemas":{"ab":{"exclusiveMinimum":-1}},"$ref":"#/$defs/B"}},"properties":{"ab":{"propertyNames":{"maxLength":1}}},"minProperties":3}},"$schema":"https://json-schema.org/draft/2020-12/schema"}}',
) as { writer: object; reader: object };

describe("comparison: recursion is caught by content, and the work has a bound", () => {
  it("proves a recursive pair whose built value schemas repeat at ever longer places", () => {
    // Before: "the schemas nest too deeply to compare" (unprovable) for a compatible widening.
    expect(isSubset(recursive(1), recursive(2))).toEqual([]);
  });

  it("still finds the break in the same shape the other way round", () => {
    const findings = isSubset(recursive(2), recursive(1));
    expect(findings.map((f) => f.ruleId)).toContain("property-names-changed");
    // ajv agrees: a message with a two-letter name one level down passes the old and fails the new.
    const ajv = createAjv("2020-12");
    const message = { ab: { cd: {} } };
    expect(ajv.validate(recursive(2), message)).toBe(true);
    expect(ajv.validate(recursive(1), message)).toBe(false);
  });

  it("decides the benchmark pair that never returned", () => {
    const findings = isSubset(BENCH_PAIR.writer, BENCH_PAIR.reader);
    expect(findings.map((f) => f.ruleId)).toContain("property-names-changed");
  });

  it("gives up past its budget of pairs with one unprovable finding, never a verdict", () => {
    const findings = isSubset(
      manyProperties({ type: "string", maxLength: 5 }),
      manyProperties({ type: "string" }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "unprovable",
      message: "the comparison needs more than 20,000 subschema pairs",
    });
  });

  it("reports the budget once even where comparisons that were tried and dropped ran into it", () => {
    // A reader choice is tried branch by branch (findings dropped), then judged as a whole.
    const reader = { anyOf: [manyProperties({ type: "number" }), manyProperties({ type: "boolean" })] };
    const findings = isSubset(manyProperties({ type: "string" }), reader);
    expect(findings.filter((f) => f.message.includes("subschema pairs"))).toHaveLength(1);
  });
});
