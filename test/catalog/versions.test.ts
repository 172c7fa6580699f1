import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { type CatalogJson, loadCatalogJson } from "../../src/catalog/index.js";
import type { CatalogHistory } from "../../src/catalog/types.js";
import { diffPairs } from "../../src/catalog/versions-timeline.js";
import { isEventlineError } from "../../src/errors.js";
import { git, tempDir } from "../support/compat-git.js";
import { VERSIONS, type VersionsRepo, versionsRepo } from "./versions-repo.js";

const repos: VersionsRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});
function repo(upTo?: number): VersionsRepo {
  const r = versionsRepo(upTo);
  repos.push(r);
  return r;
}

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
  JSON.parse(readFileSync(resolve(import.meta.dirname, "../../schemas/catalog.v2.schema.json"), "utf8")),
);

async function historyOf(
  dir: string,
  options: Partial<NonNullable<Parameters<typeof loadCatalogJson>[0]["history"]>> = {},
) {
  const warnings: string[] = [];
  const json = await loadCatalogJson({
    cwd: dir,
    history: { kind: "tags", warn: (line) => warnings.push(line), ...options },
  });
  expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return { json, history: json.history as CatalogHistory, warnings };
}

const ORDERS_MESSAGE = "asyncapi/orders.yaml#/components/messages/OrderPlaced";

describe("the catalog history read from git", () => {
  it("tags: v1 → v2 compatible → v3 breaking, with the witness and the consumer that breaks", async () => {
    const { history, warnings } = await historyOf(repo().dir);
    expect(warnings).toEqual([]);
    expect(history.kind).toBe("tags");
    expect(history.versions.map((v) => [v.id, v.label, v.subject])).toEqual([
      ["v1-0-0", "v1.0.0", "orders 1.0.0"],
      ["v1-1-0", "v1.1.0", "orders 1.1.0"],
      ["v2-0-0", "v2.0.0", "orders 2.0.0"],
    ]);
    const orders = history.messages.find((h) => h.id === ORDERS_MESSAGE)!;
    expect(orders.entries.map((e) => [e.version, e.change, e.resourceVersion, e.mode])).toEqual([
      ["v1-0-0", "added", "1", "BACKWARD"],
      ["v1-1-0", "changed", "1", "BACKWARD"],
      ["v2-0-0", "changed", "1", "BACKWARD"],
    ]);
    expect(orders.entries[2]!.texts[0]!.text).toContain('"customerId"');
    // Three entries: every pair has a page.
    expect(orders.diffs.map((d) => [d.slug, d.breaking])).toEqual([
      ["v1-0-0--v1-1-0", 0],
      ["v1-0-0--v2-0-0", 1],
      ["v1-1-0--v2-0-0", 1],
    ]);
    expect(orders.diffs[0]!.changes).toEqual([]);
    const breaking = orders.diffs[2]!.changes.find((c) => c.breaking)!;
    expect(breaking).toMatchObject({
      ruleId: "payload-incompatible",
      severity: "error",
      witness: { orderId: "" },
    });
    expect(breaking.message).toContain("customerId");
    expect(breaking.consumers).toEqual([
      expect.objectContaining({
        serviceId: "billing",
        operationId: "billing/receiveOrderPlaced",
        breaks: true,
      }),
    ]);
    expect(orders.diffs[2]!.changes.map((c) => c.ruleId)).toContain("version-not-bumped");
    // The service's timeline follows its document (info.version) and the messages it sends.
    const service = history.services.find((h) => h.id === "orders")!;
    expect(service.entries.map((e) => e.resourceVersion)).toEqual(["1.0.0", "1.1.0", "2.0.0"]);
    expect(service.diffs.find((d) => d.slug === "v1-1-0--v2-0-0")!.breaking).toBe(1);
  });

  it("commits: each commit that touched a catalog file, newest --max-versions, with the rest counted", async () => {
    const r = repo();
    const all = await historyOf(r.dir, { kind: "commits" });
    // The README-only commit is not a version.
    expect(all.history.versions.map((v) => v.subject)).toEqual(VERSIONS.map((v) => `orders ${v.info}`));
    expect(all.history.versions.every((v) => /^[0-9a-f]{7,}$/.test(v.label))).toBe(true);
    expect(all.history.skipped).toBe(0);
    const two = await historyOf(r.dir, { kind: "commits", maxVersions: 2 });
    expect(two.history.versions.map((v) => v.subject)).toEqual(["orders 1.1.0", "orders 2.0.0"]);
    expect(two.history.skipped).toBe(1);
    const orders = two.history.messages.find((h) => h.id === ORDERS_MESSAGE)!;
    expect(orders.entries.map((e) => e.change)).toEqual(["added", "changed"]);
  });

  it("adds the working tree as the last version when a catalog file has uncommitted edits", async () => {
    const r = repo();
    const file = join(r.dir, "schemas/order-placed.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"maxLength": 64', '"maxLength": 128'));
    const { history } = await historyOf(r.dir);
    expect(history.versions.at(-1)).toEqual({ id: "working-tree", label: "working tree" });
    const orders = history.messages.find((h) => h.id === ORDERS_MESSAGE)!;
    expect(orders.entries.at(-1)!.version).toBe("working-tree");
    expect(orders.diffs.find((d) => d.slug === "v2-0-0--working-tree")!.breaking).toBe(0);
  });

  it("leaves out a version whose documents do not load, and says so", async () => {
    const r = repo(2);
    const orders = join(r.dir, "asyncapi/orders.yaml");
    const good = readFileSync(orders, "utf8");
    writeFileSync(orders, good.replace("action: send", "action: 7"));
    git(r.dir, "commit", "-qam", "broken");
    git(r.dir, "tag", "v1.2.0");
    writeFileSync(orders, good.replace("version: 1.1.0", "version: 1.3.0"));
    git(r.dir, "commit", "-qam", "fixed");
    git(r.dir, "tag", "v1.3.0");
    const { history, warnings } = await historyOf(r.dir);
    const broken = history.versions.find((v) => v.label === "v1.2.0")!;
    expect(broken.error).toMatch(/asyncapi\/orders\.yaml:\d+/);
    expect(warnings).toEqual([
      expect.stringMatching(/^history: v1\.2\.0 left out: asyncapi\/orders\.yaml:\d+/),
    ]);
    const service = history.services.find((h) => h.id === "orders")!;
    expect(service.entries.map((e) => e.version)).toEqual(["v1-0-0", "v1-1-0", "v1-3-0"]);
  });

  it("says so when there is no tag: every timeline starts with the catalog being built", async () => {
    const r = repo(1);
    git(r.dir, "tag", "-d", "v1.0.0");
    const { history, warnings } = await historyOf(r.dir);
    expect(warnings).toEqual([expect.stringContaining("history: no tag is reachable from HEAD")]);
    expect(history.versions.map((v) => v.label)).toEqual(["HEAD"]);
    expect(history.messages.every((h) => h.entries.length === 1 && h.diffs.length === 0)).toBe(true);
  });

  it("refuses a shallow clone that holds fewer versions than asked for", async () => {
    const r = repo();
    const clone = tempDir("eventline-versions-clone-");
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${r.dir}`, clone.dir], { stdio: "ignore" });
      const error = await loadCatalogJson({ cwd: clone.dir, history: { kind: "commits" } }).catch((e) => e);
      expect(isEventlineError(error)).toBe(true);
      expect(error.message).toContain("shallow clone");
      expect(error.hint).toContain("git fetch --unshallow");
      // Asking only for what the clone holds is fine.
      const json: CatalogJson = await loadCatalogJson({
        cwd: clone.dir,
        history: { kind: "commits", maxVersions: 1 },
      });
      expect(json.history?.versions).toHaveLength(1);
    } finally {
      clone.remove();
    }
  });
});

describe("diffPairs", () => {
  it("pairs every entry up to five, then consecutive pairs and each against the latest", () => {
    expect(diffPairs(1)).toEqual([]);
    expect(diffPairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(diffPairs(5)).toHaveLength(10);
    const eight = diffPairs(8);
    expect(eight).toHaveLength(2 * 8 - 3);
    for (let j = 1; j < 8; j++) expect(eight).toContainEqual([j - 1, j]);
    for (let i = 0; i < 7; i++) expect(eight).toContainEqual([i, 7]);
  });
});
