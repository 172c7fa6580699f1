import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LINT_RULE_IDS } from "../../src/lint/index.js";
import { runCli, stackFrames, textDiagnostics } from "./run-cli.js";

// Lets one test make the model layer throw a plain Error, as a bug would.
const fault = vi.hoisted(() => ({ active: false }));
vi.mock("../../src/model/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/model/index.js")>();
  return {
    ...original,
    loadCatalog: (...args: Parameters<typeof original.loadCatalog>) => {
      if (fault.active)
        throw new Error("injected failure: Cannot read properties of undefined (reading 'x')");
      return original.loadCatalog(...args);
    },
  };
});

const CATALOG = resolve(import.meta.dirname, "../fixtures/catalog");
const VERSION = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8")) as { version: string }
).version;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "eventline-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("eventline (usage)", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints usage and exits 0", async (flag) => {
    const run = await runCli([flag], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: eventline");
    expect(run.stdout).toContain("validate");
  });

  it("validate --help lists the options and exits 0", async () => {
    const run = await runCli(["validate", "--help"], dir);
    expect(run.code).toBe(0);
    for (const option of ["--format", "--fail-on", "--root", "--config", "--no-cache"])
      expect(run.stdout).toContain(option);
  });

  it.each([["--version"], ["-v"]])("%s prints the package version and exits 0", async (flag) => {
    const run = await runCli([flag], dir);
    expect(run).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it.each([
    ["an unknown command", ["frobnicate"], "unknown command 'frobnicate'"],
    ["an unknown option", ["validate", "--frobnicate"], "unknown option '--frobnicate'"],
    ["an unknown top-level option", ["--frobnicate"], "unknown option '--frobnicate'"],
    ["a bad --format", ["validate", "--format", "xml"], "Allowed choices are"],
    ["a bad --fail-on", ["validate", "--fail-on", "fatal"], "Allowed choices are"],
    ["a missing option argument", ["validate", "--format"], "argument missing"],
  ])("%s is a usage error: exit 2", async (_, argv, text) => {
    const run = await runCli(argv, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(text);
    expect(run.stderr).toContain("--help");
    expect(stackFrames(run.stderr)).toEqual([]);
  });

  it("no command at all prints usage and exits 2", async () => {
    const run = await runCli([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: eventline");
  });
});

describe("eventline validate", () => {
  it("prints compiler-style findings for the fixture catalog", async () => {
    const run = await runCli(["validate", "--no-cache"], CATALOG);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe("");
    const diagnostics = textDiagnostics(run.stdout);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics)
      expect([
        "asyncapi/billing.yaml",
        "asyncapi/orders.yaml",
        "asyncapi/shipping.yaml",
        "schemas/orders.json",
      ]).toContain(d.file);
    expect(run.stdout).toMatch(/in 3 documents\n$/);
  });

  it("--format json prints one parseable report", async () => {
    const run = await runCli(["validate", "--no-cache", "--format", "json"], CATALOG);
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as {
      version: number;
      command: string;
      documents: string[];
      summary: { error: number; warn: number; info: number };
      diagnostics: {
        ruleId: string;
        severity: string;
        file: string;
        line?: number;
        column?: number;
        fingerprint: string;
      }[];
    };
    expect(report.command).toBe("validate");
    expect(report.documents).toEqual([
      "asyncapi/billing.yaml",
      "asyncapi/orders.yaml",
      "asyncapi/shipping.yaml",
    ]);
    expect(report.summary.error + report.summary.warn + report.summary.info).toBe(report.diagnostics.length);
    for (const d of report.diagnostics) {
      expect(d.line, `${d.ruleId} ${d.file}`).toBeGreaterThanOrEqual(1);
      expect(d.column, `${d.ruleId} ${d.file}`).toBeGreaterThanOrEqual(1);
      expect(d.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(run.code).toBe(report.summary.error > 0 ? 1 : 0);
  });

  it("--fail-on decides which severity fails the run", async () => {
    // Every lint rule downgraded to a warning: only warnings and infos are left.
    const config = join(dir, "warn-only.yaml");
    writeFileSync(config, `rules:\n${LINT_RULE_IDS.map((id) => `  ${id}: warn`).join("\n")}\n`);
    const base = ["validate", "--no-cache", "--config", config, "--format", "json"];
    const lenient = await runCli(base, CATALOG);
    const summary = (JSON.parse(lenient.stdout) as { summary: { error: number; warn: number } }).summary;
    expect(summary.error).toBe(0);
    expect(summary.warn).toBeGreaterThan(0);
    expect(lenient.code).toBe(0);
    expect((await runCli([...base, "--fail-on", "error"], CATALOG)).code).toBe(0);
    expect((await runCli([...base, "--fail-on", "warn"], CATALOG)).code).toBe(1);
    expect((await runCli([...base, "--fail-on", "info"], CATALOG)).code).toBe(1);
  });

  it("failOn from the config file applies, and --fail-on overrides it", async () => {
    const config = join(dir, "fail-on-warn.yaml");
    writeFileSync(config, `failOn: warn\nrules:\n${LINT_RULE_IDS.map((id) => `  ${id}: warn`).join("\n")}\n`);
    expect((await runCli(["validate", "--no-cache", "--config", config], CATALOG)).code).toBe(1);
    expect(
      (await runCli(["validate", "--no-cache", "--config", config, "--fail-on", "error"], CATALOG)).code,
    ).toBe(0);
  });

  it("a nonexistent path is an input error: exit 2, named, no findings", async () => {
    const run = await runCli(["validate", "--no-cache", "asyncapi/nope.yaml"], CATALOG);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("eventline: error: asyncapi/nope.yaml does not exist\n");
  });

  it("an invalid config file is a config error: exit 2 with file:line:col", async () => {
    const root = mkdtempSync(join(dir, "bad-config-"));
    writeFileSync(join(root, "eventline.config.yaml"), "failOn: warn\nallowRemoteRef: true\n");
    writeFileSync(join(root, "a.yaml"), "asyncapi: 3.0.0\ninfo: {title: A, version: '1'}\n");
    const run = await runCli(["validate", "--no-cache", "a.yaml"], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `eventline: error: ${join(root, "eventline.config.yaml")}:2:1 unknown setting "allowRemoteRef"`,
    );
    expect(run.stderr).toContain("hint:");
    expect(stackFrames(run.stderr)).toEqual([]);
  });

  it("a missing --config file is a config error: exit 2", async () => {
    const run = await runCli(["validate", "--no-cache", "--config", "nope.yaml"], CATALOG);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nope.yaml does not exist");
  });

  it("an internal error exits 3 and asks for a report", async () => {
    fault.active = true;
    try {
      const run = await runCli(["validate", "--no-cache"], CATALOG);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/internal error: this is a bug in Eventline/);
      expect(run.stderr).toMatch(/please report/i);
      expect(run.stderr).toContain("injected failure");
      expect(run.stderr).toContain(process.version);
    } finally {
      fault.active = false;
    }
  });
});
