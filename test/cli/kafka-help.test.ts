import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("eventline kafka help", () => {
  it("lists apply and lag, and exits 0 on --help", async () => {
    const r = await runCli(["kafka", "--help"], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: eventline kafka \[options\] \[command\]/);
    expect(r.stdout).toMatch(/^\s+apply \[options\]\s+Create missing topics/m);
    expect(r.stdout).toMatch(/^\s+lag \[options\]\s+Consumer lag per group/m);
  });

  it("documents every flag of apply and lag", async () => {
    const apply = await runCli(["kafka", "apply", "--help"], process.cwd());
    for (const flag of [
      "--brokers",
      "--dry-run",
      "--replication-factor",
      "--format",
      "--prefix",
      "--timeout",
      "--root",
      "--config",
    ]) {
      expect(apply.stdout).toContain(flag);
    }
    const lag = await runCli(["kafka", "lag", "--help"], process.cwd());
    for (const flag of ["--group", "--brokers", "--format", "--prefix", "--timeout", "--root", "--config"]) {
      expect(lag.stdout).toContain(flag);
    }
    expect(lag.stdout).toMatch(/"table", "json"/);
  });

  it("is a usage error (exit 2) without a subcommand or with an unknown one", async () => {
    expect((await runCli(["kafka"], process.cwd())).code).toBe(2);
    const unknown = await runCli(["kafka", "delete"], process.cwd());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'delete'/);
  });
});
