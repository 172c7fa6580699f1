// Equivalent or widening rewrites teams make every day: none may be reported as breaking. Each pair
// is also searched for a separating message (refute), so a fixture cannot hide an unsound verdict.
import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { refute } from "../../src/compat/refute.js";

const D2020 = "https://json-schema.org/draft/2020-12/schema";

/** [name, before, after, directions that must hold: "both" = equivalent, "backward" = widening]. */
const REWRITES: [string, unknown, unknown, "both" | "backward"][] = [
  [
    "type [string, null] ↔ anyOf of the two types",
    { type: ["string", "null"] },
    { anyOf: [{ type: "string" }, { type: "null" }] },
    "both",
  ],
  [
    "type [string, null] ↔ oneOf of the two types",
    { type: ["string", "null"], maxLength: 5 },
    { oneOf: [{ type: "string", maxLength: 5 }, { type: "null" }] },
    "both",
  ],
  [
    "nullable-style: a const null branch beside the type",
    { type: ["integer", "null"] },
    { anyOf: [{ type: "integer" }, { const: null }] },
    "both",
  ],
  [
    "integer exclusiveMaximum 10 ↔ maximum 9",
    { type: "integer", exclusiveMaximum: 10 },
    { type: "integer", maximum: 9 },
    "both",
  ],
  [
    "integer exclusiveMinimum 0 ↔ minimum 1",
    { type: "integer", exclusiveMinimum: 0 },
    { type: "integer", minimum: 1 },
    "both",
  ],
  ["number with multipleOf 1 → integer", { type: "number", multipleOf: 1 }, { type: "integer" }, "backward"],
  [
    "properties moved into allOf with unevaluatedProperties: false",
    {
      $schema: D2020,
      type: "object",
      properties: { id: { type: "string" }, total: { type: "integer" } },
      required: ["id"],
      additionalProperties: false,
    },
    {
      $schema: D2020,
      type: "object",
      allOf: [
        { properties: { id: { type: "string" } }, required: ["id"] },
        { properties: { total: { type: "integer" } } },
      ],
      unevaluatedProperties: false,
    },
    "both",
  ],
  [
    "an if/then every writer value already satisfies",
    {
      type: "object",
      properties: { kind: { const: "card" }, last4: { type: "string" } },
      required: ["kind", "last4"],
    },
    {
      type: "object",
      properties: { kind: { enum: ["card", "bank"] }, last4: { type: "string" } },
      required: ["kind"],
      if: { properties: { kind: { const: "card" } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword.
      then: { required: ["last4"] },
    },
    "backward",
  ],
  [
    "dependentRequired on a key a closed writer never sends",
    { $schema: D2020, type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    {
      $schema: D2020,
      type: "object",
      properties: { a: { type: "string" } },
      dependentRequired: { b: ["a"] },
    },
    "backward",
  ],
  [
    "propertyNames every name of a closed writer satisfies",
    { type: "object", properties: { orderId: { type: "string" } }, additionalProperties: false },
    { type: "object", properties: { orderId: { type: "string" } }, propertyNames: { maxLength: 20 } },
    "backward",
  ],
  [
    "uniqueItems on arrays of at most one item",
    { type: "array", items: { type: "string" }, maxItems: 1 },
    { type: "array", items: { type: "string" }, maxItems: 1, uniqueItems: true },
    "both",
  ],
  [
    "minProperties the writer's required properties already meet",
    { type: "object", properties: { a: {}, b: {} }, required: ["a", "b"] },
    { type: "object", properties: { a: {}, b: {} }, required: ["a", "b"], minProperties: 2 },
    "both",
  ],
  [
    "an integer range written as an enum",
    { type: "integer", minimum: 1, maximum: 3 },
    { enum: [1, 2, 3] },
    "both",
  ],
  [
    "a writer that accepts nothing (contradictory bounds)",
    { type: "string", minLength: 3, maxLength: 2 },
    { type: "integer" },
    "backward",
  ],
  [
    "a pattern that matches every string, dropped",
    { type: "string", pattern: "[a-z]*" },
    { type: "string" },
    "both",
  ],
];

describe("common rewrites are not reported as breaking", () => {
  it.each(REWRITES)("%s", (_, before, after, directions) => {
    const pairs: [unknown, unknown][] = [[before, after]];
    if (directions === "both") pairs.push([after, before]);
    for (const [writer, reader] of pairs) {
      expect(isSubset(writer, reader)).toEqual([]);
      expect(refute(writer, reader, { budget: 500 }).status).toBe("held");
    }
  });

  it("keeps the confluent profile's verdicts, which compare bounds as written", () => {
    expect(
      isSubset(
        { type: "integer", exclusiveMaximum: 10 },
        { type: "integer", maximum: 9 },
        { profile: "confluent" },
      ),
    ).not.toEqual([]);
  });

  it("still reports the near misses of those rewrites", () => {
    const breaks = (w: unknown, r: unknown) => isSubset(w, r).map((f) => f.ruleId);
    expect(breaks({ type: "integer", exclusiveMaximum: 10 }, { type: "integer", maximum: 8 })).toEqual([
      "maximum-decreased",
    ]);
    expect(
      breaks({ type: ["string", "null", "integer"] }, { anyOf: [{ type: "string" }, { type: "null" }] }),
    ).toEqual(["anyof-no-branch"]);
    expect(breaks({ type: "number", multipleOf: 2 }, { type: "integer" })).toContain("type-narrowed");
    expect(breaks({ type: "integer", minimum: 1, maximum: 4 }, { enum: [1, 2, 3] })).toEqual([
      "enum-value-rejected",
    ]);
    expect(
      breaks(
        { type: "object", properties: { a: {} }, additionalProperties: false },
        { type: "object", properties: { a: {} }, propertyNames: { maxLength: 0 } },
      ),
    ).toEqual(["property-names-changed"]);
    expect(breaks({ type: "array", maxItems: 2 }, { type: "array", uniqueItems: true })).toEqual([
      "unique-items-added",
    ]);
    expect(
      breaks(
        { type: "object", properties: { a: {} }, required: ["a"] },
        { type: "object", minProperties: 2 },
      ),
    ).toEqual(["min-properties-increased"]);
    expect(
      breaks(
        { type: "object", properties: { kind: { const: "card" } } },
        {
          type: "object",
          if: { properties: { kind: { const: "card" } } },
          // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword.
          then: { required: ["last4"] },
        },
      ),
    ).toEqual(["conditional-changed"]);
    expect(
      breaks(
        { $schema: D2020, type: "object", properties: { a: {}, c: {} }, additionalProperties: false },
        { $schema: D2020, type: "object", allOf: [{ properties: { a: {} } }], unevaluatedProperties: false },
      ),
    ).not.toEqual([]);
    expect(breaks({ type: "string", pattern: "^[a-z]*$" }, { type: "string", pattern: "[a-z]+" })).toEqual([
      "pattern-changed",
    ]);
  });
});
