import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serialize } from "node:v8";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentModel } from "../../src/model/build-context.js";
import { cacheKey, createDiskCache, noCache, sha256File } from "../../src/model/cache.js";
import { loadCatalog } from "../../src/model/load-catalog.js";

// Count the documents that reach the AsyncAPI parser: a cache hit is one that does not.
const parsed = vi.hoisted(() => [] as string[]);
vi.mock("../../src/model/parser-pool.js", async (importOriginal) => {
  const { countingPool } = await import("./counting-pool.js");
  return countingPool(await importOriginal(), parsed);
});

const CATALOG = resolve(import.meta.dirname, "../fixtures/catalog");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "eventline-cache-"));
  parsed.length = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const model = (file: string): DocumentModel => ({
  file,
  channels: [],
  messages: [],
  operations: [],
  diagnostics: [],
});

describe("createDiskCache", () => {
  it("returns what was stored while every dependency is unchanged", () => {
    const dep = join(dir, "a.yaml");
    writeFileSync(dep, "a: 1\n");
    const cache = createDiskCache(join(dir, "cache"));
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", [{ path: dep, sha256: sha256File(dep)! }], model("a.yaml"));
    expect(cache.get("k")).toEqual(model("a.yaml"));
    writeFileSync(dep, "a: 2\n");
    // A cache instance lives for one load and hashes each file once; the next load sees the change.
    expect(createDiskCache(join(dir, "cache")).get("k")).toBeUndefined();
  });

  it("misses when a dependency is deleted", () => {
    const dep = join(dir, "a.yaml");
    writeFileSync(dep, "a: 1\n");
    const cache = createDiskCache(join(dir, "cache"));
    cache.set("k", [{ path: dep, sha256: sha256File(dep)! }], model("a.yaml"));
    rmSync(dep);
    expect(createDiskCache(join(dir, "cache")).get("k")).toBeUndefined();
  });

  it("keeps cyclic values (resolved recursive schemas)", () => {
    const cache = createDiskCache(join(dir, "cache"));
    const node: Record<string, unknown> = { type: "object" };
    node.properties = { next: node };
    const m = { ...model("a.yaml"), extra: node } as DocumentModel & { extra: unknown };
    cache.set("k", [], m);
    const back = cache.get("k") as DocumentModel & { extra: { properties: { next: unknown } } };
    expect(back.extra.properties.next).toBe(back.extra);
  });

  it.each([
    ["garbage bytes", (_: Buffer) => Buffer.from("definitely not v8 serialized data")],
    ["an empty file", (_: Buffer) => Buffer.alloc(0)],
    ["a truncated entry", (whole: Buffer) => whole.subarray(0, Math.floor(whole.length / 2))],
    ["a value of the wrong shape", (_: Buffer) => serialize({ format: 1, deps: "nope", model: 5 })],
    [
      "an entry of another format",
      (_: Buffer) => serialize({ format: 999, deps: [], model: model("a.yaml") }),
    ],
  ])("treats %s as a miss, not an error", (_, corrupt) => {
    const cache = createDiskCache(dir);
    cache.set("k", [], model("a.yaml"));
    const path = join(dir, "k.bin");
    expect(cache.get("k")).toEqual(model("a.yaml"));
    writeFileSync(path, corrupt(readFileSync(path)));
    expect(cache.get("k")).toBeUndefined();
  });

  it("does not fail when the cache directory cannot be created", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const cache = createDiskCache(join(file, "cache"));
    expect(() => cache.set("k", [], model("a.yaml"))).not.toThrow();
    expect(cache.get("k")).toBeUndefined();
  });

  it("cacheKey depends on every part and on their boundaries", () => {
    expect(cacheKey(["a", "b"])).toBe(cacheKey(["a", "b"]));
    expect(cacheKey(["a", "b"])).not.toBe(cacheKey(["ab"]));
    expect(cacheKey(["a", "b"])).not.toBe(cacheKey(["b", "a"]));
  });

  it("noCache never hits", () => {
    noCache.set("k", [], model("a.yaml"));
    expect(noCache.get("k")).toBeUndefined();
  });
});

describe("loadCatalog with the parse cache", () => {
  /** A copy of the fixture catalog, so the test can edit files. */
  function copyCatalog(): string {
    const root = join(dir, "project");
    cpSync(CATALOG, root, { recursive: true });
    return root;
  }
  const load = (root: string) =>
    loadCatalog({
      root,
      cwd: root,
      paths: ["asyncapi/orders.yaml"],
      configFile: false,
      config: { cache: { enabled: true, dir: ".cache" } },
    });

  it("hits after the first load and returns the same catalog", async () => {
    const root = copyCatalog();
    const first = await load(root);
    expect(parsed).toHaveLength(1);
    expect(readdirSync(join(root, ".cache")).filter((f) => f.endsWith(".bin"))).toHaveLength(1);
    const second = await load(root);
    expect(parsed).toHaveLength(1);
    expect(second.catalog).toEqual(first.catalog);
    expect(Object.isFrozen(second.catalog.messages[0])).toBe(true);
  });

  it("is invalidated when a $ref'd file changes", async () => {
    const root = copyCatalog();
    await load(root);
    const schema = join(root, "schemas/orders.json");
    const changed = JSON.parse(readFileSync(schema, "utf8"));
    changed.definitions.OrderCreated.properties.orderId.type = "integer";
    writeFileSync(schema, JSON.stringify(changed, null, 2));
    const { catalog } = await load(root);
    expect(parsed).toHaveLength(2);
    const message = catalog.messages.find((m) => m.name === "OrderCreated")!;
    expect(message.payload?.resolved).toMatchObject({ properties: { orderId: { type: "integer" } } });
    await load(root);
    expect(parsed).toHaveLength(2);
  });

  it("is invalidated when the document itself changes", async () => {
    const root = copyCatalog();
    await load(root);
    const doc = join(root, "asyncapi/orders.yaml");
    writeFileSync(doc, readFileSync(doc, "utf8").replace("title: Orders", "title: Orders renamed"));
    const { catalog } = await load(root);
    expect(parsed).toHaveLength(2);
    expect(catalog.services[0]!.title).toBe("Orders renamed");
  });

  it("ignores corrupt cache files and rewrites them", async () => {
    const root = copyCatalog();
    const first = await load(root);
    const cacheDir = join(root, ".cache");
    for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), "corrupt \u0000\u00ff");
    const second = await load(root);
    expect(parsed).toHaveLength(2);
    expect(second.catalog).toEqual(first.catalog);
    await load(root);
    expect(parsed).toHaveLength(2);
  });

  it("hits for a $ref'd file that starts with a byte order mark", async () => {
    const root = copyCatalog();
    const schema = join(root, "schemas/orders.json");
    writeFileSync(schema, `\uFEFF${readFileSync(schema, "utf8")}`);
    await load(root);
    await load(root);
    expect(parsed).toHaveLength(1);
  });

  it("writes nothing when disabled", async () => {
    const root = copyCatalog();
    const options = { root, cwd: root, paths: ["asyncapi/orders.yaml"], configFile: false as const };
    await loadCatalog({ ...options, config: { cache: { enabled: false, dir: ".cache" } } });
    await loadCatalog({ ...options, config: { cache: { enabled: false, dir: ".cache" } } });
    expect(parsed).toHaveLength(2);
    expect(() => readdirSync(join(root, ".cache"))).toThrow();
  });
});
