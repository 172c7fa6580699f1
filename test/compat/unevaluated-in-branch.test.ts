import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { unevaluatedInBranch } from "../../src/compat/unevaluated-in-branch.js";

// Found by the adversarial soundness run (seed 20261126): ajv's validator for this reader throws a
// TypeError on {"c": {...}, "a": 2}, which the writer accepts; the engine had called it compatible.
const inner = { propertyNames: { maxLength: 1 }, patternProperties: { "^a": { anyOf: [{ maximum: 0 }] } } };
const writer = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $ref: "#/$defs/A",
  $defs: { A: { not: inner } },
};
// Parsed from text: a `then` key in an object literal reads as a thenable to the linter.
const reader = JSON.parse(`{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$ref": "#/$defs/A",
  "$defs": { "A": { "not": {
    "propertyNames": { "maxLength": 1 },
    "patternProperties": { "^a": { "anyOf": [{ "maximum": 0 }] } },
    "if": { "properties": { "a": { "maxLength": 0 } } },
    "then": {},
    "else": { "patternProperties": { "^a": { "maxLength": 0 } }, "unevaluatedProperties": { "const": "a" } }
  } } }
}`);

describe("unevaluated* inside a conditional branch", () => {
  it("makes a verdict unprovable, not compatible", () => {
    expect(isSubset(writer, reader).map((f) => f.ruleId)).toEqual(["unprovable"]);
  });

  it("is found through $refs and only inside then/else", () => {
    expect(unevaluatedInBranch(reader, reader)).toBe(true);
    expect(unevaluatedInBranch(writer, writer)).toBe(false);
    const outside = JSON.parse(
      '{"unevaluatedProperties": false, "if": {"required": ["a"]}, "then": {"required": ["b"]}}',
    );
    expect(unevaluatedInBranch(outside, outside)).toBe(false);
  });
});
