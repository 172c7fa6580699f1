import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { platformCopy, runCli, stackFrames } from "./run-cli.js";

describe("eventline generate", () => {
  it("writes one folder per service, then --check passes, and fails (exit 1) once a file is stale", async () => {
    const dir = platformCopy();
    const write = await runCli(["generate", "--out", "gen", "--service", "payments-service"], dir);
    expect(write.stderr).toBe("");
    expect(write.code).toBe(0);
    expect(write.stdout).toBe("Generated 4 files for 1 services in gen.\n");
    const check = await runCli(["generate", "--out", "gen", "--service", "payments-service", "--check"], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/is up to date \(4 files, 1 services\)/);

    const client = join(dir, "gen/payments-service/client.ts");
    writeFileSync(client, `${readFileSync(client, "utf8")}// edited\n`);
    const stale = await runCli(["generate", "--out", "gen", "--service", "payments-service", "--check"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("changed gen/payments-service/client.ts");
    expect(stale.stdout).toContain("is stale");
  }, 180_000);

  it("exits 2 for an unknown service, without a stack trace", async () => {
    const r = await runCli(["generate", "--service", "nope", "--check"], platformCopy());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown service "nope"; the catalog has: inventory-service/);
    expect(stackFrames(r.stderr)).toEqual([]);
  });

  it("exits 2 with file:line when a document cannot be generated", async () => {
    const dir = platformCopy();
    const path = join(dir, "asyncapi/payments.yaml");
    const text = readFileSync(path, "utf8").replace("channel: paymentsDeadLetter", "channel: missingChannel");
    writeFileSync(path, text);
    const r = await runCli(["generate", "--service", "payments-service", "--out", "gen"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/asyncapi\/payments\.yaml:\d+: .*missingChannel/);
    expect(stackFrames(r.stderr)).toEqual([]);
  });
});
