import { readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";
import { git } from "../../support/compat-git.js";
import { platformProject } from "../write-project.js";
import { seriousViolations } from "./axe.js";
import { ARTIFACTS, launch, requireChromium } from "./chromium.js";
import { brokenLinks, htmlFiles } from "./links.js";
import { serve } from "./serve.js";

// One build of the example platform's site, under a sub-path base, shared by the checks below. The
// platform is committed twice, so the site has a history: v1.1.0 drops a sales channel from
// OrderCreated (a breaking change with a witness).
let site = "";
beforeAll(async () => {
  const dir = platformProject("eventline-site-");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "platform 1.0.0");
  git(dir, "tag", "v1.0.0");
  const schema = join(dir, "schemas/payloads/order-created.v1.json");
  writeFileSync(schema, readFileSync(schema, "utf8").replace(', "call-centre"]', "]"));
  git(dir, "commit", "-q", "-am", "OrderCreated: no more call-centre orders");
  git(dir, "tag", "v1.1.0");
  const run = await runCli(
    ["catalog", "build", "--out", "site", "--base", "/docs/catalog/", "--history", "tags", "--timings"],
    dir,
  );
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/Catalog site: \d+ pages/);
  expect(run.stderr).toMatch(
    /catalog timings: load and lint [\d.]+ s, catalog JSON [\d.]+ s, versions from git [\d.]+ s, Astro [\d.]+ s, Pagefind [\d.]+ s/,
  );
  site = join(dir, "site");
}, 300_000);

describe("the example platform's site", () => {
  it("has no broken internal link (pages, inline SVG graphs, downloads)", () => {
    expect(htmlFiles(site).length).toBeGreaterThan(50);
    expect(brokenLinks(site)).toEqual([]);
  });

  it("embeds no navigation tree: a message page links to the few resources it touches", () => {
    const messagePages = htmlFiles(join(site, "messages"));
    for (const file of messagePages) {
      const html = readFileSync(file, "utf8");
      const links = new Set([...html.matchAll(/href="([^"]*\.html)"/g)].map((m) => m[1]));
      expect(links.size, file).toBeLessThan(20);
    }
  });

  it("offers the raw schema and the AsyncAPI document for download", () => {
    const schema = JSON.parse(readFileSync(join(site, "messages/order-created.payload.schema.json"), "utf8"));
    expect(schema.properties.orderId).toBeDefined();
    expect(readFileSync(join(site, "services/orders-service.asyncapi.txt"), "utf8")).toContain(
      "asyncapi: 3.0.0",
    );
  });
});

describe("the example platform's site in Chromium", () => {
  if (!requireChromium()) return;
  let browser: Browser;
  let http: { url: string; server: Server };
  const problems: string[] = [];
  beforeAll(async () => {
    browser = await launch();
    http = await serve(site, "/docs/catalog/");
  });
  afterAll(async () => {
    await browser?.close();
    http?.server.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${url}: console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${url}: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${url}: ${r.status()} for ${r.url()}`);
    });
    await page.goto(url);
    return page;
  }
  const file = (path: string) => `file://${join(site, path)}`;

  it("walks home → service → message → consumer service → back, from file://", async () => {
    const page = await open(file("index.html"));
    await page
      .getByRole("link", { name: /Orders service/ })
      .first()
      .click();
    expect(page.url()).toMatch(/services\/orders-service\.html$/);
    await page.getByRole("link", { name: "OrderCreated", exact: true }).first().click();
    expect(page.url()).toMatch(/messages\/order-created\.html$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("OrderCreated");
    await page.locator(".flow").getByRole("link", { name: "Notifications service" }).click();
    expect(page.url()).toMatch(/services\/notifications-service\.html$/);
    await page.goBack();
    expect(page.url()).toMatch(/messages\/order-created\.html$/);
    await page.close();
    expect(problems).toEqual([]);
  });

  it("links graph nodes to their pages", async () => {
    const page = await open(file("graph.html"));
    await page.locator("svg a", { hasText: "Payments service" }).click();
    expect(page.url()).toMatch(/services\/payments-service\.html$/);
    await page.close();
  });

  it("draws the orchestrator's saga, linked from its service page; its nodes link to their pages", async () => {
    const page = await open(file("services/orders-service.html"));
    await page.getByRole("link", { name: "fulfilment", exact: true }).click();
    expect(page.url()).toMatch(/sagas\/fulfilment\.html$/);
    const svg = page.locator(".graph.saga svg");
    for (const name of [
      "ReserveInventory",
      "InventoryReservationFailed",
      "ReleaseInventory",
      "Payments service",
    ])
      await expect(svg.locator("a", { hasText: name }).count()).resolves.toBeGreaterThan(0);
    await svg.locator("a", { hasText: "RefundPayment" }).first().click();
    expect(page.url()).toMatch(/messages\/refund-payment\.html$/);
    await page.close();
    expect(problems).toEqual([]);
  });

  const pageTypes: [string, string][] = [
    ["home", "index.html"],
    ["services", "services.html"],
    ["service", "services/orders-service.html"],
    ["channels", "channels.html"],
    ["channel", "channels/orders-events-v1.html"],
    ["messages", "messages.html"],
    ["message", "messages/order-created.html"],
    ["graph", "graph.html"],
    ["flow", "flows/reserve-inventory-orders-service-inventory-service.html"],
    ["history", "versions.html"],
    ["message-versions", "versions/messages/order-created.html"],
    ["message-version-diff", "versions/messages/order-created/v1-0-0--v1-1-0.html"],
    ["service-versions", "versions/services/orders-service.html"],
    ["service-version-diff", "versions/services/orders-service/v1-0-0--v1-1-0.html"],
    ["sagas", "sagas.html"],
    ["saga", "sagas/fulfilment.html"],
  ];
  it.each(pageTypes)(
    "%s page: no console error, no serious or critical axe violation, screenshot",
    async (name, path) => {
      const page = await open(file(path));
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
      expect(problems).toEqual([]);
    },
  );

  it("finds a message by a payload field name from file://, with the built-in index, and says why", async () => {
    const page = await open(file("index.html"));
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Search" }).click();
    expect(page.url()).toMatch(/^file:.*\/search\.html$/);
    await expect(page.locator("#search-note").textContent()).resolves.toContain("Opened from a file");
    await page.getByLabel("Search the catalog").fill("salesChannel");
    const result = page.locator("#search-results a").first();
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toBe("OrderCreated");
    await page.screenshot({ path: join(ARTIFACTS, "search-file.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await result.click();
    expect(page.url()).toBe(file("messages/order-created.html"));
    await page.close();
    expect(problems).toEqual([]);
  });

  it("finds a message by a payload field name with Pagefind, served under a sub-path", async () => {
    const page = await open(`${http.url}search.html`);
    await page.locator(".pagefind-ui__search-input").fill("salesChannel");
    const result = page.locator(".pagefind-ui__result-link").first();
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute("href")).toMatch(/^\/docs\/catalog\/messages\/order-created\.html/);
    await page.screenshot({ path: join(ARTIFACTS, "search.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await result.click();
    expect(page.url()).toBe(`${http.url}messages/order-created.html`);
    await page.close();
    expect(problems).toEqual([]);
  });
});
