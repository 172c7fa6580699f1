import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createParserPool } from "../../src/model/parser-pool.js";
import { getAtPointer } from "../../src/schema/pointer.js";

// The parser must resolve $refs from the texts Eventline checked, not from whatever is on disk.
describe("parser worker file serving", () => {
  const pool = createParserPool(1, 512);
  afterAll(() => pool.close());

  it("resolves a referenced file from the texts it is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-files-"));
    mkdirSync(join(dir, "schemas"));
    const schemaPath = join(dir, "schemas/thing.json");
    writeFileSync(schemaPath, JSON.stringify({ type: "object", properties: { onDisk: { type: "string" } } }));
    const docPath = join(dir, "doc.yaml");
    const doc = [
      "asyncapi: 3.0.0",
      "info: {title: T, version: '1'}",
      "channels:",
      "  things:",
      "    address: things",
      "    messages:",
      "      Thing:",
      "        payload: {$ref: './schemas/thing.json'}",
      "",
    ].join("\n");
    const checked = JSON.stringify({ type: "object", properties: { checked: { type: "string" } } });
    const outcome = await pool.parse(doc, docPath, 20_000, { [schemaPath]: checked });
    expect(outcome.kind).toBe("parsed");
    const resolved = outcome.kind === "parsed" ? outcome.resolved : undefined;
    const payload = getAtPointer(resolved, "/channels/things/messages/Thing/payload/properties");
    expect(Object.keys(payload as object)).toEqual(["checked"]);
  });
});
