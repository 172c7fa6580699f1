import type { SubsetOptions } from "../../../src/compat/is-subset.js";
import type { CompatRuleId } from "../../../src/compat/registry.js";

/**
 * Valid/invalid tables per rule, written for Eventline. Each rule has at least one change it must
 * report (writer, reader) and one nearby change it must not.
 */
const CONDITIONAL: unknown = JSON.parse('{"if":{"required":["a"]},"then":{"required":["b"]}}');

export type Pair = [writer: unknown, reader: unknown, options?: SubsetOptions];

export const TABLE: Record<CompatRuleId, { invalid: Pair[]; valid: Pair[] }> = {
  "type-narrowed": {
    invalid: [
      [{ type: ["string", "null"] }, { type: "string" }],
      [{ type: "number" }, { type: "integer" }],
    ],
    valid: [[{ type: "integer" }, { type: "number" }]],
  },
  "schema-rejects-everything": {
    invalid: [[{ type: "object" }, { properties: { a: false } }]],
    valid: [[{ type: "object", additionalProperties: false }, { properties: { a: false } }]],
  },
  "schema-invalid": { invalid: [[{}, { properties: { a: 5 } }]], valid: [[{}, { properties: { a: true } }]] },
  "ref-unresolvable": {
    invalid: [[{ type: "string" }, { $ref: "https://example.invalid/s.json" }]],
    valid: [[{ type: "string" }, { $ref: "#/$defs/s", $defs: { s: { type: "string" } } }]],
  },
  unprovable: {
    invalid: [
      [{ enum: ["a"] }, { type: "string", pattern: "(" }],
      // Too many values to try one by one, no separating value among the likely ones.
      [
        { type: "number", multipleOf: 0.1, minimum: 1, maximum: 1e8 },
        { type: "number", multipleOf: 0.05 },
      ],
    ],
    valid: [[{ enum: ["a"] }, { type: "string", pattern: "^a$" }]],
  },
  "enum-value-rejected": {
    invalid: [[{ enum: ["a", "b"] }, { enum: ["a"] }]],
    valid: [[{ enum: ["b", "a"] }, { enum: ["a", "b", "c"] }]],
  },
  "enum-added": {
    invalid: [[{ type: "string" }, { enum: ["a"] }]],
    valid: [[{ const: "a" }, { enum: ["a"] }]],
  },
  "min-length-increased": {
    invalid: [
      [
        { type: "string", minLength: 1 },
        { type: "string", minLength: 2 },
      ],
    ],
    valid: [
      [
        { type: "string", minLength: 2 },
        { type: "string", minLength: 1 },
      ],
    ],
  },
  "max-length-decreased": {
    invalid: [[{ type: "string" }, { type: "string", maxLength: 2 }]],
    valid: [
      [
        { type: "string", maxLength: 1 },
        { type: "string", maxLength: 2 },
      ],
    ],
  },
  "pattern-changed": {
    invalid: [
      [
        { type: "string", pattern: "^a" },
        { type: "string", pattern: "^b" },
      ],
    ],
    valid: [[{ type: "string", pattern: "^a" }, { type: "string" }]],
  },
  "format-changed": {
    invalid: [[{ type: "string" }, { type: "string", format: "uuid" }]],
    valid: [
      [{ type: "string", format: "uuid" }, { type: "string" }],
      [{ type: "string" }, { type: "string", format: "uuid" }, { profile: "confluent" }],
    ],
  },
  "minimum-increased": {
    invalid: [
      [
        { type: "number", minimum: 0 },
        { type: "number", exclusiveMinimum: 0 },
      ],
    ],
    valid: [
      [
        { type: "integer", minimum: 1 },
        { type: "integer", exclusiveMinimum: 0 },
      ],
    ],
  },
  "maximum-decreased": {
    invalid: [
      [
        { type: "number", maximum: 10 },
        { type: "number", maximum: 9 },
      ],
    ],
    valid: [
      [
        { type: "number", exclusiveMaximum: 10 },
        { type: "number", maximum: 10 },
      ],
    ],
  },
  "multiple-of-changed": {
    invalid: [
      [
        { type: "number", multipleOf: 2 },
        { type: "number", multipleOf: 4 },
      ],
      // ajv checks in floating point: 0.3 / 0.1 is 2.9999999999999996.
      [
        { type: "number", multipleOf: 0.3 },
        { type: "number", multipleOf: 0.1 },
      ],
      // ajv's parseInt check fails for quotients from 1e21 on: 5e21 passes multipleOf 10, not 2.
      [
        { type: "number", multipleOf: 10 },
        { type: "number", multipleOf: 2 },
      ],
    ],
    valid: [
      // Numbers near 0 are not: 1e-323 / 4 underflows to 0 (a multiple), 1e-323 / 2 does not.
      [
        { type: "number", multipleOf: 4, minimum: 1, maximum: 1000 },
        { type: "number", multipleOf: 2 },
      ],
      [
        { type: "integer", minimum: 0, maximum: 1e12 },
        { type: "integer", multipleOf: 1 },
      ],
      [
        { type: "number", multipleOf: 0.1, minimum: 1, maximum: 100 },
        { type: "number", multipleOf: 0.05 },
      ],
      [{ type: "number", multipleOf: 4 }, { type: "number", multipleOf: 2 }, { profile: "confluent" }],
    ],
  },
  "min-items-increased": {
    invalid: [[{ type: "array" }, { type: "array", minItems: 1 }]],
    valid: [
      [
        { type: "array", minItems: 2 },
        { type: "array", minItems: 1 },
      ],
    ],
  },
  "max-items-decreased": {
    invalid: [
      [
        { type: "array", maxItems: 3 },
        { type: "array", maxItems: 2 },
      ],
    ],
    valid: [
      [
        { type: "array", maxItems: 2 },
        { type: "array", maxItems: 3 },
      ],
    ],
  },
  "unique-items-added": {
    invalid: [[{ type: "array" }, { type: "array", uniqueItems: true }]],
    valid: [[{ type: "array", uniqueItems: true }, { type: "array" }]],
  },
  "contains-changed": {
    invalid: [[{ type: "array" }, { type: "array", contains: { type: "integer" } }]],
    valid: [
      [
        { type: "array", contains: { type: "integer" } },
        { type: "array", contains: { type: "number" } },
      ],
    ],
  },
  "required-added": {
    invalid: [
      [{ properties: { a: {} } }, { properties: { a: {} }, required: ["a"] }],
      [{ properties: { a: {} } }, { properties: { a: { default: 1 } }, required: ["a"] }],
    ],
    valid: [
      [{ required: ["a", "b"] }, { required: ["b"] }],
      // Confluent's quirks: a default makes a newly required property compatible; undeclared names are not checked.
      [
        { properties: { a: {} } },
        { properties: { a: { default: 1 } }, required: ["a"] },
        { profile: "confluent" },
      ],
      [{ properties: { a: {} } }, { properties: { a: {} }, required: ["b"] }, { profile: "confluent" }],
    ],
  },
  "min-properties-increased": {
    invalid: [[{ type: "object" }, { type: "object", minProperties: 1 }]],
    valid: [
      [
        { type: "object", minProperties: 2 },
        { type: "object", minProperties: 1 },
      ],
    ],
  },
  "max-properties-decreased": {
    invalid: [[{ type: "object" }, { type: "object", maxProperties: 1 }]],
    valid: [
      [
        { type: "object", maxProperties: 1 },
        { type: "object", maxProperties: 2 },
      ],
    ],
  },
  "additional-properties-closed": {
    invalid: [[{ properties: { a: {} } }, { properties: { a: {} }, additionalProperties: false }]],
    valid: [
      [
        { properties: { a: {} } },
        { properties: { a: {} }, additionalProperties: false },
        { writerDeclaredKeysOnly: true },
      ],
    ],
  },
  "additional-properties-narrowed": {
    invalid: [
      [
        { additionalProperties: { type: "string" } },
        { additionalProperties: { type: "string", maxLength: 3 } },
      ],
    ],
    valid: [
      [
        { additionalProperties: { type: "string", maxLength: 3 } },
        { additionalProperties: { type: "string" } },
      ],
    ],
  },
  "dependent-required-added": {
    invalid: [[{ type: "object" }, { dependencies: { a: ["b"] } }]],
    valid: [[{ dependencies: { a: ["b", "c"] } }, { dependencies: { a: ["b"] } }]],
  },
  "dependent-schema-changed": {
    invalid: [[{ type: "object" }, { dependencies: { a: { required: ["b"] } } }]],
    valid: [[{ dependencies: { a: { required: ["b"] } } }, { type: "object" }]],
  },
  "property-names-changed": {
    invalid: [[{ type: "object" }, { type: "object", propertyNames: { maxLength: 3 } }]],
    valid: [
      [{ type: "object" }, { type: "object", propertyNames: { maxLength: 3 } }, { profile: "confluent" }],
    ],
  },
  "anyof-no-branch": {
    invalid: [[{ type: ["string", "number"] }, { anyOf: [{ type: "string" }, { type: "boolean" }] }]],
    valid: [[{ type: "string" }, { anyOf: [{ type: "string" }, { type: "boolean" }] }]],
  },
  "oneof-no-branch": {
    invalid: [[{ type: "null" }, { oneOf: [{ type: "string" }, { type: "boolean" }] }]],
    valid: [[{ type: "string" }, { oneOf: [{ type: "string" }, { type: "boolean" }] }]],
  },
  "oneof-overlap": {
    invalid: [[{ type: "string" }, { oneOf: [{ type: "string" }, { maxLength: 3 }] }]],
    valid: [
      [{ type: "string" }, { oneOf: [{ type: "string" }, { maxLength: 3 }] }, { profile: "confluent" }],
      [
        { properties: { kind: { const: "a" } }, required: ["kind"] },
        {
          oneOf: [
            { properties: { kind: { const: "a" } }, required: ["kind"] },
            { properties: { kind: { const: "b" } }, required: ["kind"] },
          ],
        },
      ],
    ],
  },
  "not-overlaps": {
    invalid: [[{ not: { type: "integer" } }, { not: { type: "number" } }]],
    valid: [[{ type: "string" }, { not: { type: "number" } }]],
  },
  // Built from JSON: a literal `then` key would make the object look like a promise to linters.
  "conditional-changed": {
    invalid: [[{ type: "object" }, CONDITIONAL]],
    valid: [[{ type: "object" }, CONDITIONAL, { profile: "confluent" }]],
  },
};
