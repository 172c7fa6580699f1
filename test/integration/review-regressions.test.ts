import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { runCli, stackFrames } from "../cli/run-cli.js";

/** Defects found in review, each reproduced through the CLI as a user would hit it. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-review-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HEAD = "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n";
const channelWithPayload = (payload: string) =>
  `${HEAD}channels:\n  c:\n    address: c\n    messages:\n      M:\n        payload: ${payload}\n`;

describe("review regressions", () => {
  it("a $ref cycle through a pointer is a ref-cycle finding, not a stack overflow", async () => {
    const dir = project({
      "asyncapi/c.yaml": `${HEAD}channels:\n  a: {$ref: '#/components/channels/x/y'}\ncomponents:\n  channels:\n    x: {$ref: '#/channels/a'}\n`,
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("ref-cycle");
    expect(stackFrames(run.stdout + run.stderr)).toEqual([]);
  });

  it("a parser error inside a $ref'd file points into that file", async () => {
    const dir = project({
      "schemas/bad.yaml": "type: object\nproperties:\n  a:\n    type: 5\n",
      "asyncapi/x.yaml": channelWithPayload("{$ref: '../schemas/bad.yaml'}"),
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.stdout).toMatch(/^schemas\/bad\.yaml:4:5 error /m);
  });

  it("a symlink cannot carry a $ref outside the root", async () => {
    const outside = mkdtempSync(join(tmpdir(), "eventline-outside-"));
    writeFileSync(join(outside, "secret.json"), '{"type":"object"}');
    const dir = project({ "asyncapi/x.yaml": channelWithPayload("{$ref: '../schemas/link/secret.json'}") });
    mkdirSync(join(dir, "schemas"));
    symlinkSync(outside, join(dir, "schemas/link"));
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.stdout).toContain("ref-outside-root");
  });

  it("extensions and headers applied by message traits and YAML merge keys count", async () => {
    const dir = project({
      "asyncapi/t.yaml": `${HEAD}x-base: &base\n  x-eventline-version: 1\nchannels:\n  c:\n    address: c\n    messages:\n      A: {$ref: '#/components/messages/A'}\n      B: {$ref: '#/components/messages/B'}\ncomponents:\n  messageTraits:\n    envelope:\n      headers: {type: object, required: [ce_id], properties: {ce_id: {type: string}}}\n      x-eventline-version: 1\n  messages:\n    A:\n      name: AChanged\n      traits: [{$ref: '#/components/messageTraits/envelope'}]\n      payload: {type: object}\n      examples: [{payload: {}, headers: {ce_id: 7}}]\n    B:\n      <<: *base\n      name: BChanged\n      headers: {type: object, required: [ce_id], properties: {ce_id: {type: string}}}\n      payload: {type: object}\n      examples: [{payload: {}}]\n`,
    });
    const run = await runCli(["validate", "--no-cache", "--format", "json"], dir);
    const ids = (JSON.parse(run.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map(
      (d) => d.ruleId,
    );
    expect(ids).not.toContain("message-has-version");
    expect(ids).not.toContain("message-has-event-id");
    expect(ids).toContain("examples-match-schema"); // ce_id: 7 against the trait's headers
  });

  it("three documents whose titles collide get three distinct service ids", async () => {
    const dlqOp = `operations:\n  r:\n    action: receive\n    channel: {$ref: '#/channels/c'}\n    x-eventline-dead-letter: {channel: dlq, maxAttempts: 3}\n`;
    const dir = project({
      "asyncapi/a.yaml": "asyncapi: 3.0.0\ninfo: {title: Orders, version: '1'}\n",
      "asyncapi/b.yaml": `asyncapi: 3.0.0\ninfo: {title: Orders, version: '1'}\nchannels:\n  c: {address: c}\n${dlqOp}`,
      "asyncapi/c.yaml":
        "asyncapi: 3.0.0\ninfo: {title: Orders 2, version: '1'}\nchannels:\n  dlq: {address: dlq}\n",
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.stdout).toMatch(/receive-needs-dead-letter .*dlq/);
  });

  it("a percent-encoded $ref path resolves to the file that was checked", async () => {
    const dir = project({
      "my schemas/p.json": '{"type":"object"}',
      "asyncapi/x.yaml": channelWithPayload("{$ref: '../my%20schemas/p.json'}"),
    });
    const run = await runCli(["validate", "--no-cache", "--format", "json"], dir);
    const ids = (JSON.parse(run.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map(
      (d) => d.ruleId,
    );
    expect(ids).not.toContain("invalid-ref");
  });

  it("--config is relative to the current directory", async () => {
    const dir = project({ "asyncapi/x.yaml": HEAD, "ci/strict.yaml": "failOn: info\n" });
    const run = await runCli(
      ["validate", "--no-cache", "--root", "..", "--config", "strict.yaml"],
      join(dir, "ci"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1); // the 3.0 document's info finding fails under failOn: info
  });

  it("rejects a timeout setTimeout cannot represent", async () => {
    const dir = project({
      "asyncapi/x.yaml": HEAD,
      "eventline.config.yaml": "limits: {timeoutMs: 99999999999}\n",
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("eventline.config.yaml:1:");
  });

  it("ignores a readable cache entry of the wrong shape", async () => {
    const dir = project({ "asyncapi/x.yaml": HEAD });
    expect((await runCli(["validate"], dir)).code).toBe(0);
    const cache = join(dir, ".eventline/cache");
    for (const f of readdirSync(cache))
      writeFileSync(join(cache, f), serialize({ format: 2, deps: [], model: { file: "x" } }));
    const run = await runCli(["validate"], dir);
    expect(run.code).toBe(0);
    expect(stackFrames(run.stderr)).toEqual([]);
  });
});
