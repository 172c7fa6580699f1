import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/index.js";
import { runLint } from "../../src/lint/index.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { loadCatalog } from "../../src/model/load-catalog.js";
import { readSourceFile } from "../../src/model/source-file.js";
import { hasPointer, parsePointer, toPointer } from "../../src/schema/pointer.js";

/**
 * Law over real documents: every finding points at something that exists in its file — the node
 * itself, or, for a finding about something missing, the node that should hold it.
 */
const REPO = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(REPO, "../shared/corpus/asyncapi");

function violations(root: string, diagnostics: readonly Diagnostic[]): string[] {
  const files = new Map<string, unknown>();
  const bad: string[] = [];
  for (const d of diagnostics) {
    if (!files.has(d.file))
      files.set(d.file, readSourceFile(join(root, d.file), d.file, DEFAULT_LIMITS).file?.value);
    const value = files.get(d.file);
    if (value === undefined) continue; // unreadable files are findings of their own
    const segments = parsePointer(d.pointer);
    const ok =
      segments !== undefined &&
      (hasPointer(value, d.pointer) || hasPointer(value, toPointer(segments.slice(0, -1))));
    if (!ok) bad.push(`${d.ruleId} ${d.file}#${d.pointer}`);
  }
  return bad;
}

describe("every finding's pointer exists", () => {
  it("on the example platform", async () => {
    const { catalog } = await loadCatalog({
      cwd: REPO,
      configFile: false,
      config: { cache: { enabled: false } },
    });
    const all = [...catalog.diagnostics, ...runLint(catalog)];
    expect(violations(REPO, all)).toEqual([]);
  });

  it.runIf(existsSync(CORPUS))("on the shared corpus", async () => {
    const docs = readdirSync(CORPUS).filter(
      (f) => /\.(ya?ml|json)$/.test(f) && statSync(join(CORPUS, f)).isFile(),
    );
    let findings = 0;
    const bad: string[] = [];
    for (const doc of docs) {
      const { catalog } = await loadCatalog({
        root: CORPUS,
        cwd: CORPUS,
        paths: [doc],
        configFile: false,
        config: { cache: { enabled: false } },
      });
      const all = [...catalog.diagnostics, ...runLint(catalog)];
      findings += all.length;
      bad.push(...violations(CORPUS, all));
    }
    console.log(
      `pointer law: ${findings} findings over ${docs.length} corpus documents, ${bad.length} dangling`,
    );
    expect(findings).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });
});
