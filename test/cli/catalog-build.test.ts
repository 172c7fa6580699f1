import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_SITE_DIR } from "../../src/catalog/index.js";
import { oneMessageDocument, writeProject } from "../catalog/write-project.js";
import { runCli, stackFrames } from "./run-cli.js";

// Building a site takes Astro; these are the refusals that come before it. The site itself is checked
// in test/catalog/site/.
describe("eventline catalog build refuses", () => {
  it("a document that does not load: file:line, exit 2, no site", async () => {
    const dir = writeProject({
      "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]").replace(
        "action: send",
        "action: 7",
      ),
    });
    const run = await runCli(["catalog", "build", "--out", "site"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^eventline: error: asyncapi\/billing\.yaml:\d+: /);
    expect(stackFrames(run.stderr)).toEqual([]);
    expect(existsSync(join(dir, "site"))).toBe(false);
  });

  it("a --base that is not a URL path, and an --out over the site's sources (exit 2)", async () => {
    const dir = writeProject({ "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]") });
    const base = await runCli(["catalog", "build", "--base", "javascript:alert(1)"], dir);
    expect(base.code).toBe(2);
    expect(base.stderr).toContain("--base must be a URL path");
    const out = await runCli(["catalog", "build", "--out", DOCS_SITE_DIR], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("would replace the site's own sources");
    expect(existsSync(join(DOCS_SITE_DIR, "astro.config.mjs"))).toBe(true);
  });
});
