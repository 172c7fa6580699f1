import { describe, expect, it } from "vitest";
import { schemaKey } from "../../src/compat/ajv-pool.js";
import { validateAt } from "../../src/compat/validate-at.js";

describe("validateAt", () => {
  it("validates against the subschema at a pointer, with the root's local $refs", () => {
    const root = { $defs: { n: { type: "integer" } }, properties: { a: { $ref: "#/$defs/n" } } };
    expect([validateAt(root, "/properties/a", 3), validateAt(root, "/properties/a", "3")]).toEqual([
      true,
      false,
    ]);
  });

  it("shares validators between equal schemas only: a schema of another text is compiled for itself", () => {
    const strings = { properties: { a: { type: "string" } } };
    const sameText = JSON.parse(JSON.stringify(strings));
    const numbers = { properties: { a: { type: "number" } } };
    expect(validateAt(strings, "/properties/a", "x")).toBe(true);
    expect(validateAt(sameText, "/properties/a", "x")).toBe(true);
    expect(validateAt(numbers, "/properties/a", "x")).toBe(false);
    expect(validateAt(numbers, "/properties/a", 1)).toBe(true);
  });

  it("keys schemas by content, YAML's .inf and .nan included (JSON would write them as null)", () => {
    const keys = [{ maximum: Number.POSITIVE_INFINITY }, { maximum: null }, { maximum: Number.NaN }].map(
      schemaKey,
    );
    expect(new Set(keys).size).toBe(3);
    expect(schemaKey({ a: [1, "x"] })).toBe(schemaKey(JSON.parse('{"a":[1,"x"]}')));
  });

  it("says nothing (undefined) about a schema ajv cannot compile", () => {
    expect(
      validateAt({ properties: { a: { type: "string", pattern: "(" } } }, "/properties/a", "x"),
    ).toBeUndefined();
    expect(validateAt(true, "", 1)).toBe(true);
  });
});
