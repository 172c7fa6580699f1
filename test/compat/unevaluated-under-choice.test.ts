import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { unevaluatedUnderChoice } from "../../src/compat/unevaluated-under-choice.js";
import { createAjv } from "../../src/schema/ajv.js";

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

// A verdict the 100,000-pair adversarial run refuted (bench/soundness.mjs, seed 20261206): the reader
// gained `anyOf: [{}, {patternProperties, $ref: A}]`, where A holds unevaluatedProperties deep in an
// `if`'s `oneOf`; ajv throws on the message, which the writer (no constraints) accepts.
const BENCH_PAIR = JSON.parse(
  '{"writer":{"$defs":{"A":{"enum":[0,3,-1],"if":{"exclusiveMaximum":3,"oneOf":[{"maximum":2,"format":"email","allOf":[{"type":"object","propertyNames":{"pattern":"^a"},"maxProperties":1},{"unevaluatedProperties":{"format":"date","const":[]},"dependentSchemas":{"a":{"multipleOf":2}},"required":["b","ab"]}]},{"type":"string"}]},"then":{"exclusiveMinimum":1,"multipleOf":2,"if":{"minLength":1},"else":{"maxLength":0}},"else":true},"B":{"type":"object","additionalProperties":{"type":"object","dependentSchemas":{"a":{"if":{"multipleOf":0.5,"format":"date"},"then":{"multipleOf":2,"pattern":"^a","not":{"const":-1}},"else":{"format":"email"}}}},"unevaluatedProperties":{"type":"object","patternProperties":{"^a":{"pattern":"^[ab]+$","exclusiveMinimum":0,"allOf":[{"type":"boolean"},{"const":2}]}},"dependentRequired":{"ab":["a"]}},"dependentRequired":{"a":["b"]}}},"$schema":"https://json-schema.org/draft/2020-12/schema"},"reader":{"$defs":{"A":{"enum":[0,3,-1],"if":{"exclusiveMaximum":3,"oneOf":[{"maximum":2,"format":"email","allOf":[{"type":"object","propertyNames":{"pattern":"^a"},"maxProperties":1},{"unevaluatedProperties":{"format":"date","const":[]},"dependentSchemas":{"a":{"multipleOf":2}},"required":["b","ab"]}]},{"type":"string"}]},"then":{"exclusiveMinimum":1,"multipleOf":2,"if":{"minLength":1},"else":{"maxLength":0}},"else":true},"B":{"type":"object","additionalProperties":{"type":"object","dependentSchemas":{"a":{"if":{"multipleOf":0.5,"format":"date"},"then":{"multipleOf":2,"pattern":"^a","not":{"const":-1}},"else":{"format":"email"}}}},"unevaluatedProperties":{"type":"object","patternProperties":{"^a":{"pattern":"^[ab]+$","exclusiveMinimum":0,"allOf":[{"type":"boolean"},{"const":2}]}},"dependentRequired":{"ab":["a"]}},"dependentRequired":{"a":["b"]}}},"$schema":"https://json-schema.org/draft/2020-12/schema","anyOf":[{},{"type":"object","patternProperties":{"^[ab]+$":{"contains":{"maxLength":3},"minItems":2,"unevaluatedItems":{"const":2,"multipleOf":0.1}}},"$ref":"#/$defs/A"}]},"witness":{"b":{"b":false}}}',
) as { writer: object; reader: object; witness: unknown };

/** The same failure, small: unevaluatedProperties in a oneOf branch, patternProperties beside it. */
const small = (where: "oneOf" | "anyOf" | "allOf") => ({
  $schema: DRAFT_2020,
  patternProperties: { "^b": {} },
  [where]: [{ $ref: "#/$defs/A" }],
  $defs: { A: { unevaluatedProperties: {}, required: ["a"] } },
});

function throws(schema: object, value: unknown): boolean {
  const validate = createAjv("2020-12", { allErrors: true, logger: false }).compile(schema);
  try {
    validate(value);
    return false;
  } catch {
    return true;
  }
}

describe("unevaluated* under anyOf/oneOf beside patternProperties", () => {
  it("is a schema ajv throws on", () => {
    expect(throws(BENCH_PAIR.reader, BENCH_PAIR.witness)).toBe(true);
    expect(throws(small("oneOf"), { b: 1 })).toBe(true);
    expect(throws(small("anyOf"), { b: 1 })).toBe(true);
  });

  it("is reported unprovable, not compatible", () => {
    for (const [writer, reader] of [
      [BENCH_PAIR.writer, BENCH_PAIR.reader],
      [{ type: "object" }, small("oneOf")],
      [small("anyOf"), { type: "object" }],
    ] as const) {
      const findings = isSubset(writer, reader);
      expect(findings.map((f) => f.ruleId)).toEqual(["unprovable"]);
      expect(findings[0]?.message).toContain("under anyOf/oneOf beside patternProperties");
    }
  });

  it("leaves the shapes ajv handles alone", () => {
    // allOf members always pass together: nothing is left undefined.
    expect(throws(small("allOf"), { b: 1 })).toBe(false);
    expect(unevaluatedUnderChoice(small("allOf"), small("allOf"))).toBe(false);
    const noPattern = { ...small("oneOf"), patternProperties: undefined, properties: { b: {} } };
    expect(unevaluatedUnderChoice(noPattern, noPattern)).toBe(false);
  });
});
