import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/index.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { loadCatalog } from "../../src/model/load-catalog.js";
import { readSourceFile } from "../../src/model/source-file.js";

/**
 * Third-party AsyncAPI documents (see PROVENANCE.md there). They live outside the repository and are
 * read in place, never copied in.
 */
const REPO = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(REPO, "../shared/corpus/asyncapi");
const MAX_MS = 30_000;

/** Invalid on purpose, per PROVENANCE.md: these must produce at least one error. */
const KNOWN_INVALID: Record<string, string | undefined> = {
  "microcks-user-signedup-2.0.yaml": undefined,
  "microcks-api-maintenance-2.0.yaml": undefined,
  "microcks-spring-cloud-stream-nulls-2.1.yaml": undefined,
  "deepgram-api-2.6.yaml": undefined,
  "ruter-adt-2.3/asyncapi.yml": undefined,
  "zenwave-retail-catalog-3.0/merchandising/inventory/inventory-adjustment/asyncapi.yml": undefined,
  // Valid, but their remote $refs are refused by default.
  "spec-adeo-kafka-request-reply-3.0.yaml": "ref-remote-refused",
  "microcks-user-signedup-cloudevents-2.0.yaml": "ref-remote-refused",
};

const DOCUMENT = /\.(ya?ml|json)$/;

/** Root documents, relative to the corpus: top-level files, and the documents of the multi-file folders. */
function rootDocuments(): string[] {
  const docs: string[] = [];
  const walk = (dir: string, pick: (rel: string) => boolean) => {
    for (const entry of readdirSync(join(CORPUS, dir), { withFileTypes: true })) {
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel, pick);
      else if (pick(rel)) docs.push(rel);
    }
  };
  for (const entry of readdirSync(CORPUS)) {
    if (statSync(join(CORPUS, entry)).isFile() && DOCUMENT.test(entry)) docs.push(entry);
  }
  // One service per folder; common/ holds shared fragments.
  walk("spec-social-media-3.0", (rel) =>
    /^spec-social-media-3\.0\/(?!common\/)[^/]+\/asyncapi\.ya?ml$/.test(rel),
  );
  docs.push("forsakringskassan-rimfrost-process-3.0/asyncapi.yaml", "ruter-adt-2.3/asyncapi.yml");
  walk("zenwave-retail-catalog-3.0", (rel) => /\/asyncapi[^/]*\.yml$/.test(rel));
  return docs.sort();
}

interface Row {
  doc: string;
  version: string;
  services: number;
  channels: number;
  messages: number;
  operations: number;
  errors: number;
  warnings: number;
  ms: number;
  firstError: string;
}

const rows: Row[] = [];

function printTable(): void {
  if (rows.length === 0) return;
  const width = Math.max(...rows.map((r) => r.doc.length));
  const num = (n: number, w = 4) => String(n).padStart(w);
  const lines = [
    `${"document".padEnd(width)}  version  svc   ch  msg   op  err  warn     ms  first error`,
    ...rows.map(
      (r) =>
        `${r.doc.padEnd(width)}  ${r.version.padEnd(7)}  ${num(r.services, 3)} ${num(r.channels)} ${num(r.messages)} ${num(r.operations)} ${num(r.errors)} ${num(r.warnings, 5)} ${num(r.ms, 6)}  ${r.firstError}`,
    ),
  ];
  console.log(`AsyncAPI corpus (${rows.length} documents, root ${CORPUS}):\n${lines.join("\n")}`);
}

if (!existsSync(CORPUS)) {
  console.log(
    `corpus tests skipped: ${CORPUS} does not exist (the shared third-party corpus is not on this machine)`,
  );
  it.skip(`loads every document of ${relative(REPO, CORPUS)}`, () => {});
} else {
  const documents = rootDocuments();

  describe("loadCatalog on the AsyncAPI corpus", () => {
    afterAll(printTable);

    it("finds the root documents", () => {
      expect(documents.length).toBeGreaterThanOrEqual(40);
      for (const known of Object.keys(KNOWN_INVALID)) expect(documents).toContain(known);
    });

    it.each(documents)("%s", async (doc) => {
      const started = performance.now();
      let errors: Diagnostic[] = [];
      try {
        const { catalog } = await loadCatalog({
          root: CORPUS,
          cwd: CORPUS,
          paths: [doc],
          configFile: false,
          config: { cache: { enabled: false } },
        });
        const ms = Math.round(performance.now() - started);
        errors = catalog.diagnostics.filter((d) => d.severity === "error");
        const raw = readSourceFile(join(CORPUS, doc), doc, DEFAULT_LIMITS).file?.value as
          | { asyncapi?: unknown }
          | undefined;
        rows.push({
          doc,
          version: String(raw?.asyncapi ?? "?"),
          services: catalog.services.length,
          channels: catalog.channels.length,
          messages: catalog.messages.length,
          operations: catalog.operations.length,
          errors: errors.length,
          warnings: catalog.diagnostics.filter((d) => d.severity === "warn").length,
          ms,
          firstError: errors[0] ? `${errors[0].file}:${errors[0].line} ${errors[0].ruleId}` : "",
        });
        expect(ms).toBeLessThan(MAX_MS);
        expect(catalog.documents).toEqual([doc]);
      } catch (error) {
        rows.push({
          doc,
          version: "?",
          services: 0,
          channels: 0,
          messages: 0,
          operations: 0,
          errors: -1,
          warnings: -1,
          ms: Math.round(performance.now() - started),
          firstError: `THREW ${String(error)}`,
        });
        throw error;
      }

      // Every error can be found: a file (inside the corpus) and a line.
      for (const d of errors) {
        expect(d.file, d.ruleId).not.toBe("");
        expect(existsSync(join(CORPUS, d.file)), `${d.file} exists`).toBe(true);
        expect(d.line, `${d.file} ${d.ruleId}`).toBeGreaterThanOrEqual(1);
        expect(d.column, `${d.file} ${d.ruleId}`).toBeGreaterThanOrEqual(1);
      }

      if (doc in KNOWN_INVALID) {
        expect(errors.length, "a known-invalid document must produce errors").toBeGreaterThan(0);
        const rule = KNOWN_INVALID[doc];
        if (rule) expect(errors.map((d) => d.ruleId)).toContain(rule);
      } else {
        expect(errors.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
      }
    });
  });
}
