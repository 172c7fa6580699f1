import { describe, expect, it } from "vitest";
import { isSubset, type SubsetOptions } from "../../src/compat/is-subset.js";
import { createAjv, draftOf } from "../../src/schema/ajv.js";

/**
 * Pairs the engine once called compatible although a message valid under the old (writer) schema is
 * rejected by the new (reader) one. Each row carries that message; the test first checks with ajv
 * (formats asserted, as at runtime) that it really separates the schemas, then that isSubset reports.
 */
type Row = [name: string, writer: object, reader: object, witness: unknown, options?: SubsetOptions];

const D2020 = "https://json-schema.org/draft/2020-12/schema";

const rows: Row[] = [
  // `not`: ¬A ⊆ ¬B needs B ⊆ A, and B's enum values must be judged against A, not the whole document.
  ["not: {enum} grows", { not: { enum: ["a"] } }, { not: { enum: ["a", "b"] } }, "b"],
  ["not: {const} becomes {enum}", { not: { const: "a" } }, { not: { enum: ["a", "b"] } }, "b"],
  [
    "not: grows inside a property",
    { properties: { p: { not: { enum: [1] } } } },
    { properties: { p: { not: { enum: [1, 2] } } } },
    { p: 2 },
  ],
  // Finite writers are judged against the complete reader at their place.
  [
    "enum against a type beside anyOf",
    { enum: ["a", 1] },
    { type: "integer", anyOf: [{ enum: ["a", 1] }] },
    "a",
  ],
  ["enum against a format", { enum: ["not-an-email"] }, { type: "string", format: "email" }, "not-an-email"],
  [
    "enum against a $ref target's keywords beside its anyOf",
    { enum: ["ab"] },
    { $ref: "#/$defs/S", $defs: { S: { type: "string", maxLength: 1, anyOf: [{ enum: ["ab"] }] } } },
    "ab",
  ],
  // $ref siblings apply together with the target's keywords.
  [
    "$ref sibling beside the same keyword in the target",
    { type: "string", maxLength: 5 },
    { $ref: "#/$defs/S", maxLength: 10, $defs: { S: { type: "string", maxLength: 3 } } },
    "abcd",
  ],
  // A reader keyword beside anyOf that does not merge with a branch's still applies.
  [
    "reader keyword beside anyOf, clashing with the branch",
    { type: "number", minimum: 3 },
    { minimum: 5, anyOf: [{ minimum: 3 }] },
    3,
  ],
  // Two uses of one shared definition: the result for one must not be reused for the other.
  [
    "shared definition used twice with different siblings",
    {
      properties: { x: { $ref: "#/$defs/A", maxLength: 3 }, y: { $ref: "#/$defs/A", maxLength: 5 } },
      $defs: { A: { type: "string" } },
    },
    {
      properties: { x: { $ref: "#/$defs/B" }, y: { $ref: "#/$defs/B" } },
      $defs: { B: { type: "string", maxLength: 3 } },
    },
    { y: "abcde" },
  ],
  // patternProperties apply to declared properties too, and a key may match several patterns.
  [
    "reader pattern over a declared property",
    { properties: { a: { type: "number" } }, additionalProperties: false },
    { properties: { a: {} }, patternProperties: { "^a$": { type: "string" } } },
    { a: 1 },
  ],
  [
    "a key matching two patterns of different text",
    { patternProperties: { "^a": { type: "string" } }, additionalProperties: false },
    { patternProperties: { "^a": { type: "string" }, "^ab": { maxLength: 1 } } },
    { ab: "xx" },
  ],
  [
    "writer pattern of other text than the reader's",
    { patternProperties: { "^a": { type: "string" } }, additionalProperties: false },
    { patternProperties: { "^ab": { type: "string", maxLength: 1 } } },
    { ab: "xx" },
  ],
  // The same $ref text on both sides, pointing at changed targets.
  [
    "same $ref text in if, changed target",
    // JSON text: an object literal with `then` would look like a thenable to the linter.
    JSON.parse('{"if":{"$ref":"#/$defs/C"},"then":{"required":["x"]},"$defs":{"C":{"required":["a"]}}}'),
    JSON.parse('{"if":{"$ref":"#/$defs/C"},"then":{"required":["x"]},"$defs":{"C":{"required":["b"]}}}'),
    { b: 1 },
  ],
  [
    "same $ref text in contains, changed target",
    {
      $schema: D2020,
      type: "array",
      contains: { $ref: "#/$defs/C" },
      maxContains: 1,
      $defs: { C: { const: 1 } },
    },
    {
      $schema: D2020,
      type: "array",
      contains: { $ref: "#/$defs/C" },
      maxContains: 1,
      $defs: { C: { type: "integer" } },
    },
    [1, 2],
  ],
  // unevaluated* beside an `if` without then/else (ajv ignores such an `if`: it evaluates nothing).
  [
    "unevaluatedItems beside a lone if",
    { $schema: D2020, type: "array" },
    { $schema: D2020, type: "array", if: { prefixItems: [{}] }, unevaluatedItems: false },
    [1],
  ],
  // multipleOf as ajv checks it at runtime: x / m must be an integer in floating point.
  ["multipleOf with decimals", { type: "number", multipleOf: 0.3 }, { type: "number", multipleOf: 0.1 }, 0.3],
  [
    "multipleOf of an integer writer",
    { type: "number", multipleOf: 0.7 },
    { type: "number", multipleOf: 0.1 },
    0.7,
  ],
  // Judged with ajv as the runtime runs it (allErrors): without it, ajv accepts [] here.
  [
    "finite writer against prefixItems beside contains",
    { $schema: D2020, enum: [[]] },
    { $schema: D2020, prefixItems: [{ required: ["a"] }], contains: {} },
    [],
  ],
  // A `format` is asserted wherever it sits (formats compared): in a name schema or under unevaluated*.
  [
    "format in the reader's propertyNames",
    { type: "object", propertyNames: { maxLength: 1 } },
    { type: "object", propertyNames: { format: "email" } },
    { b: 1 },
  ],
  // (beside an applicator, so that unevaluated* is not read as additionalProperties/items)
  [
    "format in the reader's unevaluatedProperties",
    { $schema: D2020, type: "object", properties: { a: {} }, dependentSchemas: { a: {} } },
    {
      $schema: D2020,
      type: "object",
      properties: { a: {} },
      dependentSchemas: { a: {} },
      unevaluatedProperties: { format: "email" },
    },
    { b: "not-an-email" },
  ],
  [
    "format in the reader's unevaluatedItems",
    { $schema: D2020, type: "array", prefixItems: [{}] },
    {
      $schema: D2020,
      type: "array",
      prefixItems: [{}],
      dependentSchemas: { a: {} },
      unevaluatedItems: { format: "email" },
    },
    [1, "not-an-email"],
  ],
  // Keywords the schema's draft does not have are ignored by ajv at runtime.
  [
    "draft-07 writer with a 2020-12 keyword",
    { type: "array", unevaluatedItems: { type: "string" } },
    { type: "array", items: { type: "string" } },
    [1],
  ],
  [
    "draft-07 dependentRequired is not a keyword",
    { dependentRequired: { a: ["b"] } },
    { dependencies: { a: ["b"] } },
    { a: 1 },
  ],
];

function accepts(schema: object, value: unknown): boolean {
  return createAjv(draftOf(schema), { logger: false }).validate(schema, value) as boolean;
}

/** ajv's verdict, or "throws" when it cannot validate (a recursion that does not end). */
function verdict(schema: object, value: unknown): boolean | "throws" {
  try {
    return accepts(schema, value);
  } catch {
    return "throws";
  }
}

describe("isSubset never calls a refuted pair compatible", () => {
  it.each(rows)("%s", (_name, writer, reader, witness, options) => {
    // The counterexample is real: ajv accepts it under the writer and rejects it under the reader.
    expect(accepts(writer, witness)).toBe(true);
    expect(accepts(reader, witness)).toBe(false);
    expect(isSubset(writer, reader, options)).not.toEqual([]);
  });
});

describe("a schema ajv cannot validate with is unprovable", () => {
  // The reader refers to itself inside an anyOf without descending into the instance: for a value
  // the first branch rejects, ajv recurses without end and throws.
  const reader = { $ref: "#/$defs/A", $defs: { A: { anyOf: [{ type: "string" }, { $ref: "#/$defs/A" }] } } };

  it("reports unprovable rather than compatible", () => {
    expect(verdict({ type: "object" }, {})).toBe(true);
    expect(verdict(reader, {})).toBe("throws");
    expect(isSubset({ type: "object" }, reader).map((f) => f.ruleId)).toEqual(["unprovable"]);
  });
});
