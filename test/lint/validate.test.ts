import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatReport, isEventlineError, validate } from "../../src/index.js";
import { runCli } from "../cli/run-cli.js";

const CATALOG = resolve(import.meta.dirname, "../fixtures/catalog");

describe("validate()", () => {
  it("returns the report eventline validate prints, and whether it fails", async () => {
    // A copy with a generous parser budget: on a loaded machine one of the two runs could otherwise
    // time out on a document the other parsed, and the reports would differ for that reason alone.
    const dir = mkdtempSync(join(tmpdir(), "eventline-validate-"));
    cpSync(CATALOG, dir, { recursive: true });
    writeFileSync(join(dir, "eventline.config.yaml"), "limits: {timeoutMs: 300000}\n");
    const { report, failed, catalog, config } = await validate({
      cwd: dir,
      config: { cache: { enabled: false } },
    });
    const cli = await runCli(["validate", "--no-cache", "--format", "json"], dir);
    expect(formatReport(report, "json")).toBe(cli.stdout);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(failed).toBe(cli.code === 1);
    expect(catalog.root).toBe(report.root);
    expect(config.limits.timeoutMs).toBe(300_000);
  });

  it("fails at the configured failOn", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-validate-"));
    writeFileSync(join(dir, "eventline.config.yaml"), "failOn: info\ndocuments: ['*.yaml']\n");
    writeFileSync(join(dir, "a.yaml"), "asyncapi: 3.0.0\ninfo: {title: A, version: '1'}\n");
    const { report, failed } = await validate({ cwd: dir, config: { cache: { enabled: false } } });
    expect(report.summary.error + report.summary.warn + report.summary.info).toBeGreaterThan(0);
    expect(failed).toBe(true);
  });

  it("throws an EventlineError for a config file that is not there", async () => {
    const error = await validate({ cwd: CATALOG, configFile: "missing.yaml" }).catch((e: unknown) => e);
    expect(isEventlineError(error)).toBe(true);
  });
});
