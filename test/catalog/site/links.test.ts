import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { brokenLinks } from "./links.js";

describe("the site link checker", () => {
  it("reports links to missing files and ignores external links, anchors and escaped text", () => {
    const site = mkdtempSync(join(tmpdir(), "eventline-links-"));
    mkdirSync(join(site, "services"));
    writeFileSync(
      join(site, "index.html"),
      '<a href="services/a.html">a</a><a href="services/gone.html#x">gone</a>',
    );
    writeFileSync(
      join(site, "services/a.html"),
      '<a href="../index.html">home</a><a href="https://example.com/x">out</a><a href="#top">top</a>' +
        '<p>&lt;img src=x&gt;</p><meta content="<img src=y>"><svg><a href="../missing.html"><text>n</text></a></svg>',
    );
    expect(brokenLinks(site).sort()).toEqual([
      "index.html → services/gone.html#x",
      "services/a.html → ../missing.html",
    ]);
  });
});
