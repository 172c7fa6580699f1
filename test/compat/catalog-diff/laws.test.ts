// Laws over the registry: a catalog compared with itself finds nothing; output is deterministic.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOG_RULES, diffCatalogs } from "../../../src/compat/catalog-diff/index.js";
import { load } from "./load.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const corpus = fileURLToPath(new URL("../../../../shared/corpus/asyncapi/", import.meta.url));

describe("catalog-diff laws", () => {
  it("registers unique kebab-case ids with a hint", () => {
    const ids = CATALOG_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CATALOG_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.hint.length).toBeGreaterThan(40);
    }
  });

  it("the example platform compared with itself has no findings", async () => {
    const a = await load(repo, ["asyncapi"]);
    const b = await load(repo, ["asyncapi"]);
    expect(a.services.length).toBeGreaterThan(0);
    expect(diffCatalogs(a, a)).toEqual([]);
    expect(diffCatalogs(a, b)).toEqual([]);
  });

  const entries = existsSync(corpus)
    ? readdirSync(corpus)
        .filter((f) => !f.endsWith(".md"))
        .sort()
    : [];
  it.skipIf(entries.length === 0).each(entries)(
    "corpus %s compared with itself has no findings",
    async (entry) => {
      const a = await load(corpus, [entry]);
      const b = await load(corpus, [entry]);
      expect(diffCatalogs(a, b)).toEqual([]);
    },
  );
});
