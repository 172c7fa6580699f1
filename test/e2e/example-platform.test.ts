import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runLint } from "../../src/lint/index.js";
import { loadCatalog } from "../../src/model/index.js";
import { createAjv } from "../../src/schema/ajv.js";

const repo = resolve(import.meta.dirname, "../..");
const bin = join(repo, "bin/eventline.js");

describe("the example platform", () => {
  it("loads five services linked across documents, with zero errors and zero warnings", async () => {
    const { catalog, config } = await loadCatalog({ cwd: repo, config: { cache: { enabled: false } } });
    expect(catalog.services.map((s) => s.id)).toEqual([
      "inventory-service",
      "notifications-service",
      "orders-service",
      "payments-service",
      "shipping-service",
    ]);
    expect(catalog.messages.length).toBeGreaterThanOrEqual(12);
    const findings = [...catalog.diagnostics, ...runLint(catalog, config.rules)].filter(
      (d) => d.severity !== "info",
    );
    expect(findings).toEqual([]);
    // Every message sent by one service is received by another.
    const sent = catalog.operations.filter((o) => o.action === "send").flatMap((o) => o.messageIds);
    for (const id of sent) {
      expect(
        catalog.edges.some((e) => e.producer.messageId === id || e.consumer.messageId === id),
        id,
      ).toBe(true);
    }
    const crossService = catalog.edges.filter((e) => e.producer.serviceId !== e.consumer.serviceId);
    expect(crossService.length).toBeGreaterThanOrEqual(sent.length);
  });
});

// The built CLI, as a user runs it (`npm test` builds first).
describe.runIf(existsSync(join(repo, "dist/cli/main.js")))("eventline validate (built CLI)", () => {
  it("prints no problems and exits 0", () => {
    const out = execFileSync(process.execPath, [bin, "validate", "--no-cache"], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(out.trim()).toBe("No problems found in 5 documents.");
  });

  it("emits JSON that matches the published report schema", () => {
    const run = spawnSync(process.execPath, [bin, "validate", "--format", "json", "--no-cache"], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    const schema = JSON.parse(readFileSync(join(repo, "schemas/report.schema.json"), "utf8")) as object;
    const validate = createAjv("2020-12").compile(schema);
    const report: unknown = JSON.parse(run.stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ command: "validate", summary: { error: 0, warn: 0 } });
  });

  it("exits 2 with a one-line error for a path that does not exist", () => {
    const run = spawnSync(process.execPath, [bin, "validate", "nope.yaml"], { cwd: repo, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("nope.yaml does not exist");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
