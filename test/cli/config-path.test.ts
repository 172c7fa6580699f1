import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MINIMAL_DOCUMENT, scratchProject } from "../support/scratch-project.js";
import { runCli } from "./run-cli.js";

describe("--config", () => {
  it("is relative to the current directory", async () => {
    const dir = scratchProject({ "asyncapi/x.yaml": MINIMAL_DOCUMENT, "ci/strict.yaml": "failOn: info\n" });
    const run = await runCli(
      ["validate", "--no-cache", "--root", "..", "--config", "strict.yaml"],
      join(dir, "ci"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1); // the 3.0 document's info finding fails under failOn: info
  });
});
