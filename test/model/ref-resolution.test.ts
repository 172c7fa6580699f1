import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, stackFrames } from "../cli/run-cli.js";
import { channelWithPayload, MINIMAL_DOCUMENT, scratchProject } from "../support/scratch-project.js";

describe("$ref resolution, through eventline validate", () => {
  it("a $ref cycle through a pointer is a ref-cycle finding, not a stack overflow", async () => {
    const dir = scratchProject({
      "asyncapi/c.yaml": `${MINIMAL_DOCUMENT}channels:\n  a: {$ref: '#/components/channels/x/y'}\ncomponents:\n  channels:\n    x: {$ref: '#/channels/a'}\n`,
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("ref-cycle");
    expect(stackFrames(run.stdout + run.stderr)).toEqual([]);
  });

  it("a parser error inside a $ref'd file points into that file", async () => {
    const dir = scratchProject({
      "schemas/bad.yaml": "type: object\nproperties:\n  a:\n    type: 5\n",
      "asyncapi/x.yaml": channelWithPayload("{$ref: '../schemas/bad.yaml'}"),
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.stdout).toMatch(/^schemas\/bad\.yaml:4:5 error /m);
  });

  it("a symlink cannot carry a $ref outside the root", async () => {
    const outside = mkdtempSync(join(tmpdir(), "eventline-outside-"));
    writeFileSync(join(outside, "secret.json"), '{"type":"object"}');
    const dir = scratchProject({
      "asyncapi/x.yaml": channelWithPayload("{$ref: '../schemas/link/secret.json'}"),
    });
    mkdirSync(join(dir, "schemas"));
    symlinkSync(outside, join(dir, "schemas/link"));
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.stdout).toContain("ref-outside-root");
  });

  it("a percent-encoded $ref path resolves to the file that was checked", async () => {
    const dir = scratchProject({
      "my schemas/p.json": '{"type":"object"}',
      "asyncapi/x.yaml": channelWithPayload("{$ref: '../my%20schemas/p.json'}"),
    });
    const run = await runCli(["validate", "--no-cache", "--format", "json"], dir);
    const ids = (JSON.parse(run.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map(
      (d) => d.ruleId,
    );
    expect(ids).not.toContain("invalid-ref");
  });
});
