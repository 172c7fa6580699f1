import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { scratchProject } from "../support/scratch-project.js";

describe("service ids", () => {
  it("three documents whose titles collide get three distinct service ids", async () => {
    const dlqOp = `operations:\n  r:\n    action: receive\n    channel: {$ref: '#/channels/c'}\n    x-eventline-dead-letter: {channel: dlq, maxAttempts: 3}\n`;
    const dir = scratchProject({
      "asyncapi/a.yaml": "asyncapi: 3.0.0\ninfo: {title: Orders, version: '1'}\n",
      "asyncapi/b.yaml": `asyncapi: 3.0.0\ninfo: {title: Orders, version: '1'}\nchannels:\n  c: {address: c}\n${dlqOp}`,
      "asyncapi/c.yaml":
        "asyncapi: 3.0.0\ninfo: {title: Orders 2, version: '1'}\nchannels:\n  dlq: {address: dlq}\n",
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.stdout).toMatch(/receive-needs-dead-letter .*dlq/);
  });
});
