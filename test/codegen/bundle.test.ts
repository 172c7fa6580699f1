// Regressions found by the codegen corpus and property tests.
import { describe, expect, it } from "vitest";
import { bundleSchemas } from "../../src/codegen/bundle.js";
import { pascalIdentifier } from "../../src/codegen/names.js";
import { renderTypes } from "../../src/codegen/render-types.js";

const FILE = "/virtual/doc.json";
const bundle = (components: Record<string, unknown>, roots: string[]) =>
  bundleSchemas(
    roots.map((name) => ({
      key: `payload:${name}`,
      names: [name],
      schema: components[name],
      file: FILE,
      pointer: `/components/schemas/${name}`,
    })),
    () => ({ components: { schemas: components } }),
  );

describe("bundleSchemas", () => {
  it("keeps properties named like keywords (id, title, example, x-…) and follows their $refs", () => {
    const b = bundle(
      {
        Evt: {
          type: "object",
          properties: {
            id: { type: "string" },
            title: { type: "string" },
            example: { $ref: "#/components/schemas/Inner" },
            "x-trace": { type: "integer" },
          },
        },
        Inner: { type: "object", properties: { a: { type: "string" } } },
      },
      ["Evt"],
    );
    expect(Object.keys((b.defs.Evt as { properties: object }).properties)).toEqual([
      "id",
      "title",
      "example",
      "x-trace",
    ]);
    expect((b.defs.Evt as { properties: { example: unknown } }).properties.example).toEqual({
      $ref: "#/$defs/Inner",
    });
    expect(Object.keys(b.defs).sort()).toEqual(["Evt", "Inner"]);
  });

  it("wraps a named schema that mixes a composition with other keywords, so no type is invented", async () => {
    const b = bundle(
      { Rank: { description: "d", type: "integer", default: -1, oneOf: [{ const: -1 }, { const: 0 }] } },
      ["Rank"],
    );
    expect(b.defs.Rank).toEqual({
      description: "d",
      title: "Rank",
      allOf: [{ type: "integer", default: -1, oneOf: [{ const: -1 }, { const: 0 }] }],
    });
    const types = await renderTypes(b, []);
    expect(types).toMatch(/export type Rank = number & \(-1 \| 0\);/);
  });

  it("breaks a $ref cycle that never descends into the instance (OpenAPI discriminator style)", async () => {
    const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
    const b = bundle(
      {
        Base: { type: "object", properties: { kind: { type: "string" } }, oneOf: [ref("Car"), ref("Bike")] },
        Bike: { allOf: [ref("Base"), { type: "object", properties: { gears: { type: "integer" } } }] },
        Car: { allOf: [ref("Base"), { type: "object", properties: { doors: { type: "integer" } } }] },
        Tree: { type: "object", properties: { children: { type: "array", items: ref("Tree") } } },
      },
      ["Base", "Tree"],
    );
    expect(b.defs.Car).toEqual({
      title: "Car",
      allOf: [{ type: "object", properties: { doors: { type: "integer" } } }],
    });
    // Recursion through properties and items is kept.
    expect(JSON.stringify(b.defs.Tree)).toContain('"$ref":"#/$defs/Tree"');
    const types = await renderTypes(b, []);
    for (const name of ["Base", "Bike", "Car", "Tree"])
      expect(types).toMatch(new RegExp(`export \\w+ ${name}\\b`));
  });
});

describe("renderTypes", () => {
  it("declares a definition json-schema-to-typescript drops (an allOf with an empty schema) as unknown", async () => {
    const types = await renderTypes(
      {
        defs: { Any: { title: "Any", anyOf: [{}, { type: "string" }] } },
        rootNames: new Map(),
        draft2020: false,
      },
      [],
    );
    expect(types).toContain("export type Any = unknown;");
  });

  it("types additionalProperties beside declared properties as unknown keys (no TS2411 index clash)", async () => {
    const types = await renderTypes(
      {
        defs: {
          Evt: {
            title: "Evt",
            type: "object",
            properties: { id: { type: "string" } },
            additionalProperties: { type: "integer" },
          },
        },
        rootNames: new Map(),
        draft2020: false,
      },
      [],
    );
    expect(types).toContain("id?: string;");
    expect(types).toContain("[k: string]: unknown | undefined;");
  });

  it("accepts names with a letter after a digit (json-schema-to-typescript upper-cases it)", async () => {
    const name = pascalIdentifier("1st place");
    expect(name).toBe("T1StPlace");
    const schema = { title: name, type: "object", properties: { a: { type: "string" } } };
    const types = await renderTypes({ defs: { [name]: schema }, rootNames: new Map(), draft2020: false }, []);
    expect(types).toContain("export interface T1StPlace {");
  });
});
