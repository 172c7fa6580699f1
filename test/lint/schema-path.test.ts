import { describe, expect, it } from "vitest";
import { describePathFailure, resolveSchemaPath, schemaLevel } from "../../src/lint/schema-path.js";

const str = { type: "string" };

describe("schemaLevel", () => {
  it("merges properties and required of the root and its allOf members, one level deep", () => {
    const level = schemaLevel([
      {
        properties: { a: str },
        required: ["a"],
        allOf: [
          { properties: { b: str }, required: ["b", 3] },
          null,
          { allOf: [{ properties: { c: str } }] },
        ],
      },
    ]);
    expect([...level.properties.keys()]).toEqual(["a", "b"]);
    expect([...level.required]).toEqual(["a", "b"]);
  });

  it("keeps every subschema that declares a name", () => {
    const one = { type: "object", properties: { x: str } };
    const two = { type: "object", properties: { y: str } };
    expect(
      schemaLevel([{ properties: { o: one }, allOf: [{ properties: { o: two } }] }]).properties.get("o"),
    ).toEqual([one, two]);
  });

  it("ignores values that are not schemas", () => {
    expect(schemaLevel([null, 3, "x", [], { properties: [], required: "a" }]).properties.size).toBe(0);
  });
});

describe("resolveSchemaPath", () => {
  const schema = {
    type: "object",
    properties: {
      order: { type: "object", properties: { id: str } },
    },
    allOf: [{ properties: { order: { required: ["id"] } }, required: ["order"] }],
  };

  it("follows a property declared in one member and required in another", () => {
    const result = resolveSchemaPath(schema, "/order/id", { requireEach: true });
    expect(result).toEqual({ ok: true, schemas: [str] });
  });

  it("only needs existence when requireEach is false", () => {
    const optional = { properties: { a: { properties: { b: str } } } };
    expect(resolveSchemaPath(optional, "/a/b", { requireEach: false }).ok).toBe(true);
    expect(resolveSchemaPath(optional, "/a/b", { requireEach: true })).toEqual({
      ok: false,
      failure: { kind: "optional", index: 0, segment: "a", parent: "" },
    });
  });

  it("names the failing segment and its parent pointer, escaped", () => {
    const result = resolveSchemaPath(
      { properties: { "a/b": { properties: {} } }, required: ["a/b"] },
      "/a~1b/c",
      {
        requireEach: true,
      },
    );
    expect(result).toEqual({
      ok: false,
      failure: { kind: "undeclared", index: 1, segment: "c", parent: "/a~1b" },
    });
    if (!result.ok) {
      expect(describePathFailure(result.failure)).toBe(
        'does not resolve: segment "c" is not a declared property of /a~1b in the payload',
      );
    }
  });

  it("terminates on a recursive schema", () => {
    const node: Record<string, unknown> = { required: ["next"] };
    node.properties = { next: node };
    expect(resolveSchemaPath(node, "/next/next/next/next", { requireEach: true }).ok).toBe(true);
  });

  it.each([
    [5, "not-a-string"],
    ["x", "not-a-pointer"],
    ["", "whole-document"],
  ])("rejects %j as %s", (pointer, kind) => {
    const result = resolveSchemaPath({}, pointer, { requireEach: true });
    expect(result.ok ? undefined : result.failure.kind).toBe(kind);
  });
});
