import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { checkCompatibility } from "../../src/compat/modes.js";

type Row = [string, unknown, unknown, string[]];

const D2020 = "https://json-schema.org/draft/2020-12/schema";

/** [name, writer, reader, rule ids found (empty = compatible)] — written for Eventline, not copied. */
const rows: Row[] = [
  ["identical", { type: "string" }, { type: "string" }, []],
  ["reader accepts anything", { type: "integer", minimum: 3 }, {}, []],
  ["writer sends nothing", false, { type: "string" }, []],
  ["reader rejects everything", { type: "string" }, false, ["schema-rejects-everything"]],
  ["integer into number", { type: "integer" }, { type: "number" }, []],
  ["number into integer", { type: "number" }, { type: "integer" }, ["type-narrowed"]],
  ["type removed", { type: ["string", "null"] }, { type: "string" }, ["type-narrowed"]],
  [
    "minLength raised",
    { type: "string", minLength: 1 },
    { type: "string", minLength: 2 },
    ["min-length-increased"],
  ],
  [
    "maxLength lowered",
    { type: "string", maxLength: 9 },
    { type: "string", maxLength: 8 },
    ["max-length-decreased"],
  ],
  ["maxLength raised", { type: "string", maxLength: 8 }, { type: "string", maxLength: 9 }, []],
  ["pattern added", { type: "string" }, { type: "string", pattern: "^a" }, ["pattern-changed"]],
  ["format added", { type: "string" }, { type: "string", format: "uuid" }, ["format-changed"]],
  ["minimum raised", { type: "number", minimum: 0 }, { type: "number", minimum: 1 }, ["minimum-increased"]],
  [
    "exclusive minimum at the same value",
    { type: "number", minimum: 0 },
    { type: "number", exclusiveMinimum: 0 },
    ["minimum-increased"],
  ],
  [
    "integer exclusive bound equivalent",
    { type: "integer", minimum: 1 },
    { type: "integer", exclusiveMinimum: 0 },
    [],
  ],
  ["maximum lowered", { type: "number", maximum: 10 }, { type: "number", maximum: 9 }, ["maximum-decreased"]],
  [
    "multipleOf coarser",
    { type: "number", multipleOf: 2 },
    { type: "number", multipleOf: 4 },
    ["multiple-of-changed"],
  ],
  [
    "multipleOf finer, bounded",
    { type: "number", multipleOf: 4, minimum: 1, maximum: 1000 },
    { type: "number", multipleOf: 2 },
    [],
  ],
  // ajv checks x / m === parseInt(x / m): 2e21 / 4 passes, 2e21 / 2 = 1e21 prints as "1e+21" and fails.
  [
    "multipleOf finer, unbounded",
    { type: "number", multipleOf: 4 },
    { type: "number", multipleOf: 2 },
    ["multiple-of-changed"],
  ],
  ["enum narrowed", { enum: ["a", "b"] }, { enum: ["a"] }, ["enum-value-rejected"]],
  ["enum widened", { enum: ["a"] }, { enum: ["a", "b"] }, []],
  ["enum added", { type: "string" }, { enum: ["a"] }, ["enum-added"]],
  ["const checked by value", { const: 5 }, { type: "integer", maximum: 5 }, []],
  ["required added", { type: "object" }, { type: "object", required: ["id"] }, ["required-added"]],
  ["required reordered", { required: ["a", "b"] }, { required: ["b", "a"] }, []],
  [
    "optional property added to an open model",
    { type: "object", properties: { a: { type: "string" } } },
    { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } },
    ["type-narrowed"],
  ],
  [
    "optional property added to a closed model",
    { type: "object", properties: { a: {} }, additionalProperties: false },
    { type: "object", properties: { a: {}, b: { type: "string" } }, additionalProperties: false },
    [],
  ],
  [
    "model closed",
    { type: "object", properties: { a: {} } },
    { type: "object", properties: { a: {} }, additionalProperties: false },
    ["additional-properties-closed"],
  ],
  [
    "property type changed",
    { properties: { a: { type: "string" } } },
    { properties: { a: { type: "integer" } } },
    ["type-narrowed"],
  ],
  ["minItems raised", { type: "array" }, { type: "array", minItems: 1 }, ["min-items-increased"]],
  ["uniqueItems added", { type: "array" }, { type: "array", uniqueItems: true }, ["unique-items-added"]],
  ["items narrowed", { items: { type: "number" } }, { items: { type: "integer" } }, ["type-narrowed"]],
  [
    "tuple item changed",
    { $schema: D2020, prefixItems: [{ type: "string" }, { type: "string" }] },
    { $schema: D2020, prefixItems: [{ type: "string" }, { type: "number" }] },
    ["type-narrowed"],
  ],
  ["contains added", { type: "array" }, { type: "array", contains: { const: 1 } }, ["contains-changed"]],
  [
    "dependentRequired added",
    { $schema: D2020, type: "object" },
    { $schema: D2020, dependentRequired: { a: ["b"] } },
    ["dependent-required-added"],
  ],
  ["anyOf widened", { type: "string" }, { anyOf: [{ type: "string" }, { type: "number" }] }, []],
  [
    "anyOf with no fitting branch",
    { type: ["string", "number"] },
    { anyOf: [{ type: "string" }, { type: "boolean" }] },
    ["anyof-no-branch"],
  ],
  [
    "writer anyOf, each branch readable",
    { anyOf: [{ type: "string" }, { type: "integer" }] },
    { type: ["string", "number"] },
    [],
  ],
  [
    "oneOf with overlapping branches",
    { type: "string" },
    { oneOf: [{ type: "string" }, { maxLength: 3 }] },
    ["oneof-overlap"],
  ],
  [
    "oneOf with disjoint branches",
    { type: "string" },
    { oneOf: [{ type: "string" }, { type: "number" }] },
    [],
  ],
  ["negations compared the other way", { not: { type: "number" } }, { not: { type: "integer" } }, []],
  ["negation widened", { not: { type: "integer" } }, { not: { type: "number" } }, ["not-overlaps"]],
  [
    "allOf merged on the writer",
    { allOf: [{ properties: { a: { type: "string" } } }, { required: ["a"] }] },
    { required: ["a"], properties: { a: { type: "string" } } },
    [],
  ],
  [
    "a subschema moved into $defs is not a change",
    { properties: { a: { type: "string", minLength: 2 } } },
    { properties: { a: { $ref: "#/$defs/A" } }, $defs: { A: { type: "string", minLength: 2 } } },
    [],
  ],
  [
    "unresolvable remote $ref",
    { type: "string" },
    { $ref: "https://example.invalid/x.json" },
    ["ref-unresolvable"],
  ],
];

describe("isSubset", () => {
  it.each(rows)("%s", (_name, writer, reader, expected) => {
    expect(isSubset(writer, reader).map((f) => f.ruleId)).toEqual(expected);
  });

  it("terminates on recursive schemas and compares them co-inductively", () => {
    const tree = (leaf: object) => ({
      type: "object",
      properties: { value: leaf, children: { type: "array", items: { $ref: "#" } } },
    });
    expect(isSubset(tree({ type: "integer" }), tree({ type: "number" }))).toEqual([]);
    expect(isSubset(tree({ type: "number" }), tree({ type: "integer" })).map((f) => f.ruleId)).toContain(
      "type-narrowed",
    );
  });

  it("accepts the parser's cyclic resolved graphs (a recursive schema as an object cycle)", () => {
    const graph = (leaf: string) => {
      const node: Record<string, unknown> = { type: "object", properties: { value: { type: leaf } } };
      (node.properties as Record<string, unknown>).children = { type: "array", items: node };
      return node;
    };
    expect(isSubset(graph("integer"), graph("number"))).toEqual([]);
    expect(isSubset(graph("number"), graph("integer")).map((f) => f.ruleId)).toContain("type-narrowed");
  });

  it("names the pointers on both sides", () => {
    const [f] = isSubset(
      { properties: { a: { type: "string", maxLength: 9 } } },
      { properties: { a: { type: "string", maxLength: 3 } } },
    );
    expect(f).toMatchObject({ writerPointer: "/properties/a", readerPointer: "/properties/a" });
  });

  it("gives the rejected value as a witness for enum narrowing", () => {
    expect(isSubset({ enum: ["a", "b"] }, { enum: ["a"] })[0]?.witness).toBe("b");
  });

  it("LENIENT: writers that emit only declared keys may meet a reader with new optional properties", () => {
    const writer = { type: "object", properties: { a: { type: "string" } } };
    const reader = {
      type: "object",
      properties: { a: { type: "string" }, b: { type: "integer" } },
      additionalProperties: false,
    };
    expect(isSubset(writer, reader).length).toBeGreaterThan(0);
    expect(isSubset(writer, reader, { writerDeclaredKeysOnly: true })).toEqual([]);
  });

  it("ignores format when asked to (Confluent's behaviour)", () => {
    expect(
      isSubset({ type: "string" }, { type: "string", format: "email" }, { compareFormat: false }),
    ).toEqual([]);
  });
});

describe("checkCompatibility", () => {
  const v1 = { type: "object", properties: { a: { type: "string" } }, additionalProperties: false };
  const v2 = { ...v1, properties: { a: { type: "string" }, b: { type: "string" } } };

  it("BACKWARD: the new schema reads old data", () => {
    expect(checkCompatibility([v1, v2], "BACKWARD")).toEqual([]);
    expect(checkCompatibility([v2, v1], "BACKWARD").map((f) => f.direction)).toContain("BACKWARD");
  });

  it("FORWARD and FULL compose the same primitive", () => {
    expect(checkCompatibility([v1, v2], "FORWARD").length).toBeGreaterThan(0);
    expect(checkCompatibility([v1, v2], "FULL").every((f) => f.direction === "FORWARD")).toBe(true);
    expect(checkCompatibility([v1, v2], "NONE")).toEqual([]);
  });

  it("transitive modes compare against every earlier version", () => {
    // v1 → v2 was a break accepted in the past; v3 reads v2's data but not v1's.
    const history = [{ enum: ["x", "y"] }, { enum: ["x"] }, { enum: ["x", "z"] }];
    expect(checkCompatibility(history, "BACKWARD")).toEqual([]);
    const transitive = checkCompatibility(history, "BACKWARD_TRANSITIVE");
    expect(transitive.map((f) => [f.against, f.witness])).toEqual([[0, "y"]]);
  });
});
