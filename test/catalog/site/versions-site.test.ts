import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogJson } from "../../../src/catalog/index.js";
import { runCli } from "../../cli/run-cli.js";
import { type VersionsRepo, versionsRepo } from "../versions-repo.js";
import { seriousViolations } from "./axe.js";
import { ARTIFACTS, launch, requireChromium } from "./chromium.js";
import { brokenLinks } from "./links.js";

// One site built with --history tags from a repository with three tagged versions of OrderPlaced:
// v1.0.0, v1.1.0 (order ids may be longer: compatible), v2.0.0 (customerId required: breaking).
let repo: VersionsRepo;
let site = "";
beforeAll(async () => {
  repo = versionsRepo();
  const run = await runCli(["catalog", "build", "--history", "tags", "--out", "site"], repo.dir);
  expect(run.code, run.stderr).toBe(0);
  site = join(repo.dir, "site");
}, 300_000);
afterAll(() => repo?.remove());

const BREAKING = "versions/messages/order-placed/v1-1-0--v2-0-0.html";
const COMPATIBLE = "versions/messages/order-placed/v1-0-0--v1-1-0.html";

describe("the version history pages", () => {
  it("has a page for each pair of the three versions, and no broken link", () => {
    for (const pair of ["v1-0-0--v1-1-0", "v1-1-0--v2-0-0", "v1-0-0--v2-0-0"]) {
      expect(existsSync(join(site, `versions/messages/order-placed/${pair}.html`)), pair).toBe(true);
      expect(existsSync(join(site, `versions/services/orders/${pair}.html`)), pair).toBe(true);
    }
    expect(existsSync(join(site, "versions.html"))).toBe(true);
    expect(brokenLinks(site)).toEqual([]);
  });

  it("writes the breaking diff into the HTML itself: it needs no JavaScript", () => {
    const html = readFileSync(join(site, BREAKING), "utf8");
    expect(html).not.toContain("<script");
    expect(html).toContain("Breaking: 1 breaking change");
    expect(html).toContain("payload-incompatible");
    expect(html).toMatch(/&quot;orderId&quot;/);
    expect(html).toContain("customerId");
    const compatible = readFileSync(join(site, COMPATIBLE), "utf8");
    expect(compatible).toContain("Compatible");
    expect(compatible).not.toContain("Breaking:");
  });

  it("links the message and service pages to their history", () => {
    const json = JSON.parse(readFileSync(join(site, "catalog.json"), "utf8")) as CatalogJson;
    expect(json.history?.versions.map((v) => v.label)).toEqual(["v1.0.0", "v1.1.0", "v2.0.0"]);
    expect(readFileSync(join(site, "messages/order-placed.html"), "utf8")).toContain(
      'href="../versions/messages/order-placed.html"',
    );
    expect(readFileSync(join(site, "services/orders.html"), "utf8")).toContain(
      'href="../versions/services/orders.html"',
    );
  });
});

describe("the version history pages in Chromium", () => {
  if (!requireChromium()) return;
  let browser: Browser;
  const problems: string[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const file = (path: string) => `file://${join(site, path)}`;

  async function open(path: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${path}: console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    await page.goto(file(path));
    return page;
  }

  it("walks message → history → breaking diff with JavaScript off, and shows the witness and the consumer", async () => {
    const page = await open("messages/order-placed.html", false);
    await page.getByRole("link", { name: "3 versions" }).click();
    expect(page.url()).toMatch(/versions\/messages\/order-placed\.html$/);
    await page.getByRole("link", { name: /^Diff with v1\.1\.0/ }).click();
    expect(page.url()).toMatch(/order-placed\/v1-1-0--v2-0-0\.html$/);
    await expect(page.locator(".verdict .headline").textContent()).resolves.toMatch(
      /Breaking: 1 breaking change in BACKWARD mode/,
    );
    const breaking = page.locator(".change.breaking");
    await expect(breaking.locator("code").first().textContent()).resolves.toBe("payload-incompatible");
    const witness = JSON.parse((await breaking.getByLabel("Witness message").textContent()) ?? "");
    expect(witness).toEqual({ orderId: "" });
    await expect(breaking.locator(".consumers li").textContent()).resolves.toMatch(/breaks\s+Billing/);
    await expect(page.locator("table.diff tr.add").allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('"customerId"')]),
    );
    await page.context().close();
  });

  const pageTypes: [string, string][] = [
    ["versions", "versions.html"],
    ["message-history", "versions/messages/order-placed.html"],
    ["message-diff", BREAKING],
    ["message-diff-compatible", COMPATIBLE],
    ["service-history", "versions/services/orders.html"],
    ["service-diff", "versions/services/orders/v1-1-0--v2-0-0.html"],
  ];
  it.each(pageTypes)(
    "%s page: no console error, no serious or critical axe violation, screenshot",
    async (name, path) => {
      const page = await open(path);
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
      expect(problems).toEqual([]);
    },
  );
});
