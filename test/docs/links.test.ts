import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { afterAll, describe, expect, it } from "vitest";
import { brokenLinks, githubSlug, headingAnchors, linksIn, repositoryPaths } from "./markdown-links.js";

const REPO = resolve(import.meta.dirname, "../..");

describe("links in README.md and docs/", () => {
  const files = ["README.md", ...globSync("docs/**/*.md", { cwd: REPO })].sort();
  const exists = repositoryPaths(REPO);

  it("finds the documentation and its links", () => {
    expect(files).toContain("docs/README.md");
    const links = files.flatMap((f) => linksIn(readFileSync(join(REPO, f), "utf8")));
    // A parser that found nothing would pass the check below vacuously.
    expect(links.length).toBeGreaterThan(100);
  });

  it.each(files)("%s: every relative link and #anchor resolves", (file) => {
    expect(brokenLinks(join(REPO, file), REPO, exists)).toEqual([]);
  });
});

describe("the link checker", () => {
  const dir = mkdtempSync(join(tmpdir(), "eventline-links-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("makes GitHub's heading anchors", () => {
    expect(githubSlug("Brokers, prefix, timeout")).toBe("brokers-prefix-timeout");
    expect(githubSlug("Ünïcode — stays")).toBe("ünïcode--stays");
    const anchors = headingAnchors(
      [
        "# `eventline compat`",
        "## `$ref` policy and hostile input",
        "## Document-level rules (AsyncAPI 2.x and 3.x)",
        "### Every earlier version: `--transitive`",
        "## Local services with Docker (untested here)",
        "## Options",
        "## Options",
        "```sh",
        "# not a heading: a comment in a code block",
        "```",
      ].join("\n"),
    );
    expect([...anchors]).toEqual([
      "eventline-compat",
      "ref-policy-and-hostile-input",
      "document-level-rules-asyncapi-2x-and-3x",
      "every-earlier-version---transitive",
      "local-services-with-docker-untested-here",
      "options",
      "options-1",
    ]);
  });

  it("reads inline links and reference definitions, not code", () => {
    const links = linksIn(
      [
        "See [a](a.md#x) and [`b`](<b c.md> 'title').",
        "`[not](a-link.md)` and",
        "```",
        "[not](either.md)",
        "```",
        "[ref]: ref.md",
      ].join("\n"),
    );
    expect(links).toEqual([
      { target: "a.md#x", line: 1 },
      { target: "b c.md", line: 1 },
      { target: "ref.md", line: 6 },
    ]);
  });

  it("reports a missing file, a missing anchor and a link out of the repository, with lines", () => {
    mkdirSync(join(dir, "docs"), { recursive: true });
    writeFileSync(join(dir, "docs", "other.md"), "# Other\n\n## A section\n");
    writeFileSync(
      join(dir, "docs", "page.md"),
      [
        "# Page",
        "[fine](other.md#a-section) [fine too](#page) [web](https://example.com/x.md)",
        "[gone](missing.md)",
        "[no anchor](other.md#no-such-section)",
        "[outside](../../elsewhere.md)",
        "[self](#nowhere)",
      ].join("\n"),
    );
    expect(brokenLinks(join(dir, "docs", "page.md"), dir)).toEqual([
      "docs/page.md:3: missing.md: no such file or folder in the repository",
      "docs/page.md:4: other.md#no-such-section: no heading with the anchor #no-such-section",
      "docs/page.md:5: ../../elsewhere.md: leaves the repository",
      "docs/page.md:6: #nowhere: no heading with the anchor #nowhere",
    ]);
  });
});
