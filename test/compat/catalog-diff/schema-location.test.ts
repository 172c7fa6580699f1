import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateInSchemaFiles } from "../../../src/compat/catalog-diff/schema-location.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-schema-location-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const DOC = [
  "components:",
  "  messages:",
  "    OrderCreated:",
  "      payload:",
  "        $ref: '../schemas/order.json'",
  "",
].join("\n");
const SCHEMA = JSON.stringify(
  { type: "object", properties: { id: { $ref: "./ids.json#/$defs/Id" } } },
  null,
  2,
);
const IDS = JSON.stringify({ $defs: { Id: { type: "string", pattern: "^o-" } } }, null, 2);
const payload = {
  file: "asyncapi/orders.yaml",
  pointer: "/components/messages/OrderCreated/payload",
  line: 4,
  column: 7,
};

describe("locateInSchemaFiles", () => {
  it("follows $refs from the document into the schema file that holds the changed keyword", () => {
    const root = project({
      "asyncapi/orders.yaml": DOC,
      "schemas/order.json": SCHEMA,
      "schemas/ids.json": IDS,
    });
    expect(locateInSchemaFiles(root, payload, "/properties/id/pattern")).toEqual({
      file: "schemas/ids.json",
      pointer: "/$defs/Id/pattern",
      line: 5,
      column: 7,
    });
  });

  it("stops at the deepest place that exists", () => {
    const root = project({
      "asyncapi/orders.yaml": DOC,
      "schemas/order.json": SCHEMA,
      "schemas/ids.json": IDS,
    });
    expect(locateInSchemaFiles(root, payload, "/properties/missing")).toMatchObject({
      file: "schemas/order.json",
      pointer: "/properties",
    });
  });

  it("does not re-read a large document: the caller keeps the position the model knows", () => {
    const big = `${DOC}# ${"x".repeat(200 * 1024)}\n`;
    const root = project({
      "asyncapi/orders.yaml": big,
      "schemas/order.json": SCHEMA,
      "schemas/ids.json": IDS,
    });
    expect(locateInSchemaFiles(root, payload, "/properties/id")).toBeUndefined();
  });

  it("never reads outside the root", () => {
    const root = project({
      "asyncapi/orders.yaml": DOC.replace("../schemas/order.json", "../../order.json"),
    });
    expect(locateInSchemaFiles(root, payload, "/properties/id")).toMatchObject({
      file: "asyncapi/orders.yaml",
      pointer: "/components/messages/OrderCreated/payload",
    });
  });
});
