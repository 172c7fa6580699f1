import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { runCli, stackFrames } from "../cli/run-cli.js";
import { MINIMAL_DOCUMENT, scratchProject } from "../support/scratch-project.js";

describe("the parse cache", () => {
  it("ignores a readable cache entry of the wrong shape", async () => {
    const dir = scratchProject({ "asyncapi/x.yaml": MINIMAL_DOCUMENT });
    expect((await runCli(["validate"], dir)).code).toBe(0);
    const cache = join(dir, ".eventline/cache");
    for (const f of readdirSync(cache))
      writeFileSync(join(cache, f), serialize({ format: 2, deps: [], model: { file: "x" } }));
    const run = await runCli(["validate"], dir);
    expect(run.code).toBe(0);
    expect(stackFrames(run.stderr)).toEqual([]);
  });
});
