import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { versionsRepo } from "../catalog/versions-repo.js";
import { oneMessageDocument, writeProject } from "../catalog/write-project.js";
import { runCli, stackFrames } from "./run-cli.js";

// `--history` and `--max-versions` refusals, before any site is written.
describe("eventline catalog --history refuses", () => {
  const project = () =>
    writeProject({ "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]") });

  it.each([
    ["0", ["build", "--out", "site"]],
    ["abc", ["build", "--out", "site"]],
    ["-3", ["export"]],
    ["1.5", ["dev", "--port", "0"]],
  ])("--max-versions %s (catalog %s): exit 2", async (value, command) => {
    const dir = project();
    const run = await runCli(["catalog", ...command, "--history", "commits", `--max-versions=${value}`], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--max-versions must be a positive integer, got "${value}"`);
    expect(stackFrames(run.stderr)).toEqual([]);
    expect(existsSync(join(dir, "site"))).toBe(false);
  });

  it("--history with an unknown kind: exit 2 naming the kinds", async () => {
    const run = await runCli(["catalog", "build", "--history", "branches"], project());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--history <kind>' argument 'branches' is invalid\. Allowed choices are commits, tags/,
    );
  });

  it("--max-versions without --history: exit 2", async () => {
    const run = await runCli(["catalog", "export", "--max-versions", "5"], project());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--max-versions applies with --history only");
  });

  it("--history outside a git repository: exit 2 with the reason, no stack trace, no site", async () => {
    const dir = project();
    for (const command of [["build", "--out", "site"], ["export"]]) {
      const run = await runCli(["catalog", ...command, "--history", "tags"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^eventline: error: --history needs a git repository, and .* is not inside one/,
      );
      expect(run.stderr).toContain("leave out --history");
      expect(stackFrames(run.stderr)).toEqual([]);
    }
    expect(existsSync(join(dir, "site"))).toBe(false);
  });
});

describe("eventline catalog export --history", () => {
  it("prints a progress line per version read on a terminal, nothing in a pipe", async () => {
    const repo = versionsRepo();
    const tty = process.stderr.isTTY;
    try {
      process.stderr.isTTY = false;
      const piped = await runCli(["catalog", "export", "--history", "tags", "-o", "catalog.json"], repo.dir);
      expect(piped.code, piped.stderr).toBe(0);
      expect(piped.stderr).not.toContain("history:");
      process.stderr.isTTY = true;
      const terminal = await runCli(
        ["catalog", "export", "--history", "tags", "--max-versions", "2", "-o", "catalog.json"],
        repo.dir,
      );
      expect(terminal.code, terminal.stderr).toBe(0);
      expect(terminal.stderr).toContain(
        "catalog: history: read v1.1.0 (1/2)\ncatalog: history: read v2.0.0 (2/2)\n",
      );
      expect(terminal.stderr).toMatch(/catalog: history: 2 versions, \d+ pairs compared/);
    } finally {
      process.stderr.isTTY = tty;
      repo.remove();
    }
  }, 120_000);
});
