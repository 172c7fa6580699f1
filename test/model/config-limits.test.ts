import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { MINIMAL_DOCUMENT, scratchProject } from "../support/scratch-project.js";

describe("limits in the config file", () => {
  it("rejects a timeout setTimeout cannot represent", async () => {
    const dir = scratchProject({
      "asyncapi/x.yaml": MINIMAL_DOCUMENT,
      "eventline.config.yaml": "limits: {timeoutMs: 99999999999}\n",
    });
    const run = await runCli(["validate", "--no-cache"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("eventline.config.yaml:1:");
  });
});
