import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";
import { git } from "../../support/compat-git.js";
import { launch, requireChromium } from "./chromium.js";
import { HOSTILE, hostileProject } from "./hostile-project.js";
import { brokenLinks, htmlFiles } from "./links.js";

let site = "";
beforeAll(async () => {
  const dir = hostileProject();
  // Two commits with hostile subjects, the second widening the hostile enum: the history pages show
  // the subjects, the compat findings and the document's line diff, all holding the strings.
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", HOSTILE);
  const document = join(dir, "asyncapi/hostile.yaml");
  writeFileSync(document, readFileSync(document, "utf8").replace('"plain"', '"plain",\n"other"'));
  git(dir, "commit", "-q", "-am", HOSTILE);
  const run = await runCli(["catalog", "build", "--out", "site", "--history", "commits"], dir);
  expect(run.code, run.stderr).toBe(0);
  site = join(dir, "site");
}, 300_000);

describe("a site built from hostile strings in every field", () => {
  it("writes no markup of theirs: no script, handler attribute, javascript: URL or style", () => {
    for (const file of htmlFiles(site)) {
      const page = readFileSync(file, "utf8");
      expect(page, file).not.toMatch(/<[a-z][^<>]*\s(?:href|src)="\s*javascript:/i);
      // Inside a quoted attribute value nothing is markup; what is left must hold none of theirs.
      const html = page.replace(/="[^"]*"/g, '=""');
      // The search page's two scripts are the site's own (Pagefind's UI and its start-up).
      expect(html.match(/<script[\s>]/gi)?.length ?? 0, file).toBe(file.endsWith("search.html") ? 2 : 0);
      expect(html, file).not.toMatch(/<(?:img|svg|div)[^>]*\son(?:error|load|click)=/i);
      expect(html.replace(/<head>[\s\S]*<\/head>/, ""), file).not.toMatch(/<style[\s>]/i);
    }
    expect(brokenLinks(site)).toEqual([]);
  });

  describe("in Chromium", () => {
    if (!requireChromium()) return;
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("opens no dialog, runs no script, and shows the strings as text on every page", async () => {
      const files = htmlFiles(site).filter((f) => !f.endsWith("search.html"));
      expect(files.length).toBeGreaterThanOrEqual(8);
      const shown: string[] = [];
      for (const file of files) {
        const page = await browser.newPage();
        const dialogs: string[] = [];
        page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(`file://${file}`);
        await page.waitForLoadState("load");
        expect(dialogs, file).toEqual([]);
        expect(await page.evaluate("window.__pwned"), file).toBeUndefined();
        expect(await page.evaluate("document.scripts.length"), file).toBe(0);
        if (String(await page.evaluate("document.body.innerText")).includes(HOSTILE)) shown.push(file);
        await page.close();
      }
      // The service, channel, message and history pages show the strings verbatim, as text.
      for (const kind of [
        "services/",
        "channels/",
        "messages/",
        "versions/messages/",
        "versions/services/",
      ]) {
        expect(
          shown.some((f) => f.includes(kind)),
          kind,
        ).toBe(true);
      }
    });
  });
});
