// The engine's findings on the corpora and on Eventline's own compat inputs, against the committed
// golden (findings-golden.json, written from the engine as it was before it was split into rule
// files). A difference is a change of behaviour: fix it, or, when the change is meant, regenerate with
// EVENTLINE_UPDATE_GOLDEN=1 and explain the difference in the commit.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hasCorpus } from "./corpus.js";
import { corpusGolden, type Golden, ownGolden } from "./findings-golden.js";

const FILE = fileURLToPath(new URL("findings-golden.json", import.meta.url));
const update = process.env.EVENTLINE_UPDATE_GOLDEN === "1";

interface GoldenFile {
  own: Golden;
  corpus: Golden;
}

function stored(): GoldenFile {
  return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as GoldenFile) : { own: {}, corpus: {} };
}

function save(part: keyof GoldenFile, value: Golden): void {
  const next = { ...stored(), [part]: value };
  // One entry a line: a difference shows as the cases that changed.
  const block = (g: Golden) =>
    Object.entries(g)
      .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(",\n");
  writeFileSync(FILE, `{\n "own": {\n${block(next.own)}\n },\n "corpus": {\n${block(next.corpus)}\n }\n}\n`);
}

describe("engine findings golden", () => {
  it("Eventline's rule tables, adversarial pairs and catalog fixtures", async () => {
    const now = await ownGolden();
    if (update) save("own", now);
    expect(now).toEqual(stored().own);
  });

  it.runIf(hasCorpus)("the Confluent and Apicurio corpora", () => {
    const now = corpusGolden();
    if (update) save("corpus", now);
    expect(Object.keys(now).length).toBeGreaterThan(400);
    expect(now).toEqual(stored().corpus);
  });

  if (!hasCorpus)
    it.skip("the Confluent and Apicurio corpora: skipped, ../shared/corpus/compat is absent (set EVENTLINE_COMPAT_CORPUS)", () => {});
});
