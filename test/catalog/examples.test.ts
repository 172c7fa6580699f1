import { describe, expect, it } from "vitest";
import { loadCatalogJson } from "../../src/catalog/index.js";
import { oneMessageDocument, writeProject } from "./write-project.js";

describe("examples validated at build time", () => {
  it("marks an example that breaks the schema invalid with ajv's reason, and keeps it", async () => {
    const dir = writeProject({
      "asyncapi/billing.yaml": oneMessageDocument(
        "{ type: object, required: [amount], properties: { amount: { type: integer, minimum: 0 }, issuedAt: { type: string, format: date-time } } }",
        '[{ name: good, payload: { amount: 5, issuedAt: "2024-01-01T00:00:00Z" } }, { name: bad, payload: { amount: -1, issuedAt: "yesterday" } }]',
      ),
    });
    const json = await loadCatalogJson({ cwd: dir });
    const [good, bad] = json.messages[0]!.examples;
    expect(good).toMatchObject({ name: "good", valid: true, errors: [] });
    expect(bad).toMatchObject({ name: "bad", valid: false });
    expect(bad!.errors).toEqual(
      expect.arrayContaining([
        "payload/amount must be >= 0",
        'payload/issuedAt must match format "date-time"',
      ]),
    );
    expect(bad!.line).toBeGreaterThan(1);
  });
});
