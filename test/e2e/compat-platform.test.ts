import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const repo = resolve(import.meta.dirname, "../..");

/** The example platform in a throwaway git repository, as a team's pull request would see it. */
function platformRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-compat-platform-"));
  for (const entry of ["asyncapi", "schemas", "eventline.config.yaml"])
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "v1");
  return dir;
}

describe("eventline compat --against on the example platform", () => {
  it("finds nothing when nothing changed", async () => {
    const run = await runCli(["compat", "--against", "HEAD"], platformRepo());
    expect(run.code).toBe(0);
  });

  it("reports a new required payload field once, with a witness and the consumers", async () => {
    const dir = platformRepo();
    const file = join(dir, "schemas/payloads/order-created.v1.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    schema.required.push("couponCode");
    schema.properties.couponCode = { type: "string" };
    writeFileSync(file, JSON.stringify(schema, null, 2));
    const run = await runCli(["compat", "--against", "HEAD", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      compatible: boolean;
      summary: { error: number };
      diagnostics: {
        ruleId: string;
        file: string;
        line?: number;
        breaking?: boolean;
        witness?: Record<string, unknown>;
        consumers?: { operationId: string; breaks: boolean; reason?: string }[];
      }[];
    };
    expect(report.compatible).toBe(false);
    const payload = report.diagnostics.filter((c) => c.ruleId === "payload-incompatible");
    expect(payload).toHaveLength(1);
    expect(payload[0]!.witness).toBeDefined();
    expect(payload[0]!.witness).not.toHaveProperty("couponCode");
    // The finding lands on the schema file the change touched, not on the document's `payload:` line.
    expect(payload[0]).toMatchObject({ file: "schemas/payloads/order-created.v1.json", breaking: true });
    // The consumer reads with the same (new) schema, so it breaks on what was written before the change.
    expect(payload[0]!.consumers).toContainEqual({
      serviceId: "notifications-service",
      operationId: "notifications-service/receiveOrderLifecycle",
      breaks: true,
      reason:
        "its schema rejects messages written before the change, which stay on the topic until retention removes them",
    });
    // The version advice is part of the same break: one edit, one breaking change.
    const advice = report.diagnostics.filter((c) => c.ruleId === "version-not-bumped");
    expect(advice.map((c) => c.breaking)).toEqual([false]);
    expect(report.diagnostics.filter((c) => c.breaking)).toHaveLength(1);
    const text = await runCli(["compat", "--against", "HEAD"], dir);
    expect(text.stdout).toContain("Not compatible (mode: default): 1 breaking change.");
  });
});
