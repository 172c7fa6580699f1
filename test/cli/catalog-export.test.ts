import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { oneMessageDocument, platformProject, writeProject } from "../catalog/write-project.js";
import { runCli, stackFrames } from "./run-cli.js";

describe("eventline catalog export", () => {
  it("writes the catalog JSON to --out", async () => {
    const dir = platformProject();
    const run = await runCli(["catalog", "export", "--format", "json", "--out", "site/catalog.json"], dir);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "site/catalog.json"), "utf8"));
    expect(json.format).toBe("eventline-catalog/v2");
    expect(json.services).toHaveLength(5);
  });

  it("prints the JSON on stdout without --out", async () => {
    const dir = writeProject({ "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]") });
    const run = await runCli(["catalog", "export"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).messages[0].name).toBe("InvoiceIssued");
  });

  it("refuses a document that does not load with its file:line, exit 2, no stack", async () => {
    const dir = writeProject({
      "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]").replace(
        "action: send",
        "action: sned",
      ),
    });
    const run = await runCli(["catalog", "export"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/asyncapi\/billing\.yaml:\d+: /);
    expect(run.stdout).toBe("");
    expect(stackFrames(run.stderr)).toEqual([]);
  });

  it("refuses an unknown format (exit 2) and an empty project (exit 2)", async () => {
    const dir = writeProject({});
    expect((await runCli(["catalog", "export", "--format", "yaml"], dir)).code).toBe(2);
    const empty = await runCli(["catalog", "export"], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no AsyncAPI documents found");
  });
});
