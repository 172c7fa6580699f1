import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";
import { git } from "../../support/compat-git.js";
import { launch, requireChromium } from "./chromium.js";
import { HOSTILE, hostileProject } from "./hostile-project.js";
import { brokenLinks, htmlFiles } from "./links.js";
import { serve } from "./serve.js";

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
      // The search page's one script is the site's own (it starts Pagefind or the built-in search).
      expect(html.match(/<script[\s>]/gi)?.length ?? 0, file).toBe(file.endsWith("search.html") ? 1 : 0);
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
      // The service, channel, message, saga and history pages show the strings verbatim, as text.
      for (const kind of [
        "services/",
        "channels/",
        "messages/",
        "versions/messages/",
        "versions/services/",
        "sagas/",
      ]) {
        expect(
          shown.some((f) => f.includes(kind)),
          kind,
        ).toBe(true);
      }
    });

    it("shows the strings as text in the built-in search's results, from file://", async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`file://${join(site, "search.html")}`);
      await page.getByLabel("Search the catalog").fill("pwned");
      const results = page.locator("#search-results li");
      await results.first().waitFor({ timeout: 20_000 });
      expect(await results.count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator("#search-results").textContent()).toContain(HOSTILE);
      expect(
        await page.locator("#search-results img, #search-results svg, #search-results script").count(),
      ).toBe(0);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate("window.__pwned")).toBeUndefined();
      await page.close();
    });

    // Last: it removes files from the shared site.
    it("falls back to the built-in search without Pagefind over HTTP, and says when that index is missing", async () => {
      rmSync(join(site, "pagefind"), { recursive: true, force: true });
      const http = await serve(site, "/");
      try {
        const page = await browser.newPage();
        await page.goto(`${http.url}search.html`);
        await expect(page.locator("#search-note").textContent()).resolves.toContain(
          "built without the Pagefind index",
        );
        await page.getByLabel("Search the catalog").fill("pwned");
        await page.locator("#search-results li").first().waitFor({ timeout: 20_000 });
        rmSync(join(site, "search-index.js"));
        await page.goto(`file://${join(site, "search.html")}`);
        await expect(page.locator("#search-note").textContent()).resolves.toContain(
          "search-index.js) is missing",
        );
        await page.close();
      } finally {
        http.server.close();
      }
    });
  });
});
