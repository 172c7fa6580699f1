import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { SchemaTooLargeError, toAcyclicSchema } from "../../src/schema/acyclic-schema.js";

describe("toAcyclicSchema", () => {
  it("replaces a back-edge to the root with #", () => {
    const root: Record<string, unknown> = { type: "object" };
    root.properties = { next: root };
    const copy = toAcyclicSchema(root);
    expect(copy).toEqual({ type: "object", properties: { next: { $ref: "#" } } });
    expect(() => JSON.stringify(copy)).not.toThrow();
  });

  it("points a back-edge at the ancestor's place in the copy, escaping the pointer", () => {
    const node: Record<string, unknown> = { type: "object" };
    node.properties = { "a/b c": { type: "array", items: node } };
    const root = { properties: { "x~y": node } };
    expect(toAcyclicSchema(root)).toEqual({
      properties: {
        "x~y": {
          type: "object",
          properties: { "a/b c": { type: "array", items: { $ref: "#/properties/x~0y" } } },
        },
      },
    });
    const deeper = toAcyclicSchema({ allOf: [node] }) as {
      allOf: { properties: Record<string, { items: unknown }> }[];
    };
    expect(deeper.allOf[0]!.properties["a/b c"]!.items).toEqual({ $ref: "#/allOf/0" });
  });

  it("percent-encodes the fragment so ajv resolves it", () => {
    const node: Record<string, unknown> = {
      type: "object",
      required: ["v"],
      properties: { v: { type: "integer" } },
    };
    (node.properties as Record<string, unknown>).kid = node;
    const copy = toAcyclicSchema({ properties: { "a b%": node } }) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: false }).compile(copy);
    expect(validate({ "a b%": { v: 1, kid: { v: 2, kid: { v: 3 } } } })).toBe(true);
    expect(validate({ "a b%": { v: 1, kid: { kid: { v: 3 } } } })).toBe(false);
  });

  it("copies a node shared without a cycle at each place (no $ref needed)", () => {
    const money = { type: "string" };
    expect(toAcyclicSchema({ properties: { a: money, b: money } })).toEqual({
      properties: { a: { type: "string" }, b: { type: "string" } },
    });
  });

  it("drops nested $id, $anchor and $schema, the root $id, x-parser-* keys and a string discriminator", () => {
    const copy = toAcyclicSchema({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://x/root.json",
      "x-parser-schema-id": "Root",
      discriminator: "kind",
      properties: {
        a: {
          $id: "https://x/a.json",
          $schema: "http://json-schema.org/draft-07/schema#",
          $anchor: "a",
          type: "string",
        },
        b: { discriminator: { propertyName: "kind" } },
      },
    });
    expect(copy).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      properties: { a: { type: "string" }, b: { discriminator: { propertyName: "kind" } } },
    });
  });

  it("keeps property names and data that look like keywords", () => {
    const schema = {
      properties: { $id: { type: "string" }, "x-parser-thing": { type: "string" } },
      required: ["$id"],
      const: { $id: "data", discriminator: "kept" },
      examples: [{ $schema: "data" }],
    };
    expect(toAcyclicSchema(schema)).toEqual(schema);
  });

  it("does not mutate its input", () => {
    const input = { $id: "x", properties: { a: { $id: "y" } } };
    toAcyclicSchema(input);
    expect(input).toEqual({ $id: "x", properties: { a: { $id: "y" } } });
  });

  it("returns non-objects as they are", () => {
    expect(toAcyclicSchema(true)).toBe(true);
    expect(toAcyclicSchema(undefined)).toBe(undefined);
    expect(toAcyclicSchema(null)).toBe(null);
  });

  it("refuses a DAG that would expand past the node budget instead of hanging", () => {
    let node: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 30; i++) node = { allOf: [node, node] };
    expect(() => toAcyclicSchema(node, 1000)).toThrow(SchemaTooLargeError);
  });
});
