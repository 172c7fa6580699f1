// Corpus evidence for codegen: every parseable document of the shared corpus generates, and the output
// compiles under `tsc --strict --noUncheckedIndexedAccess` (NodeNext). Prints one row per document.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCatalog } from "../../src/codegen/generate-catalog.js";
import { loadCatalog } from "../../src/model/load-catalog.js";
import { CORPUS, corpusDocuments, corpusPresent, provenanceSaysInvalid } from "./support/corpus.js";
import {
  errorsUnder,
  runtimeImportFor,
  scratchProject,
  type TypecheckResult,
  typecheck,
  writeFiles,
} from "./support/typecheck.js";

type Outcome =
  | { kind: "invalid"; reason: string }
  | { kind: "generated"; messages: number; services: number; files: number; folder: string }
  | { kind: "not-generatable"; messages: number; reason: string };

interface Row {
  doc: string;
  outcome: Outcome;
  compileErrors: string[];
}

const firstLine = (text: string) => text.split("\n")[0]!.slice(0, 160);

async function generateOne(doc: string, out: string, folder: string): Promise<Outcome> {
  const { catalog } = await loadCatalog({
    root: CORPUS,
    paths: [join(CORPUS, doc)],
    configFile: false,
    // The corpus is read-only and shared: no cache written next to it.
    config: { cache: { enabled: false } },
  });
  const errors = catalog.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const d = errors[0]!;
    return {
      kind: "invalid",
      reason: `${errors.length} error(s), first: ${d.file}:${d.line ?? 1} ${firstLine(d.message)}`,
    };
  }
  try {
    const dir = join(out, folder);
    const files = await generateCatalog(catalog, { template: false, runtimeImport: runtimeImportFor(dir) });
    writeFiles(dir, files);
    return {
      kind: "generated",
      messages: catalog.messages.length,
      services: catalog.services.length,
      files: files.length,
      folder,
    };
  } catch (error) {
    return { kind: "not-generatable", messages: catalog.messages.length, reason: (error as Error).message };
  }
}

function printTable(rows: readonly Row[], check: TypecheckResult | undefined): void {
  const width = Math.max(...rows.map((r) => r.doc.length), 8);
  const lines = rows.map((r) => {
    const o = r.outcome;
    const msgs = o.kind === "invalid" ? "-" : String(o.messages);
    const status =
      o.kind === "invalid"
        ? `skipped (loader: ${o.reason})`
        : o.kind === "not-generatable"
          ? `NOT GENERATABLE: ${firstLine(o.reason)}`
          : r.compileErrors.length > 0
            ? `COMPILE ERRORS (${r.compileErrors.length}): ${firstLine(r.compileErrors[0]!)}`
            : `generated ok (${o.services} service(s), ${o.files} files), compiles`;
    return `${r.doc.padEnd(width)}  ${msgs.padStart(4)}  ${status}`;
  });
  const outside = check?.outside.length
    ? `\n(${check.outside.length} tsc error(s) outside the generated code ignored, first: ${check.outside[0]})`
    : "";
  console.log(
    `Codegen over the AsyncAPI corpus (${CORPUS}):\n${"document".padEnd(width)}  msgs  result\n${lines.join("\n")}${outside}`,
  );
}

if (!corpusPresent()) {
  describe("codegen over the AsyncAPI corpus", () => {
    console.warn(`Codegen corpus suite skipped: ${CORPUS} is absent`);
    it.skip(`codegen corpus (skipped: ${CORPUS} is absent)`, () => {});
  });
} else {
  describe("codegen over the AsyncAPI corpus", () => {
    const rows: Row[] = [];
    let project = "";
    let check: TypecheckResult | undefined;

    beforeAll(async () => {
      project = scratchProject("eventline-corpus-codegen-");
      const out = join(project, "out");
      const docs = corpusDocuments();
      for (const [i, doc] of docs.entries()) {
        const folder = `d${String(i).padStart(2, "0")}`;
        rows.push({ doc, outcome: await generateOne(doc, out, folder), compileErrors: [] });
      }
      if (rows.some((r) => r.outcome.kind === "generated")) check = await typecheck(project);
      for (const row of rows) {
        if (row.outcome.kind === "generated")
          row.compileErrors = errorsUnder(check!, `out/${row.outcome.folder}`);
      }
      printTable(rows, check);
    }, 600_000);

    afterAll(() => {
      if (project) rmSync(project, { recursive: true, force: true });
    });

    it("finds the corpus documents", () => {
      expect(rows.length).toBeGreaterThanOrEqual(30);
    });

    it("skips only documents that PROVENANCE.md records as failing to parse", () => {
      const unexpected = rows
        .filter((r) => r.outcome.kind === "invalid" && !provenanceSaysInvalid(r.doc))
        .map((r) => `${r.doc}: ${(r.outcome as { reason: string }).reason}`);
      expect(unexpected).toEqual([]);
    });

    it("type-checks without tsc crashing", () => {
      expect(check?.crash).toBeUndefined();
    });

    it("generates every document the loader accepts", () => {
      const failed = rows
        .filter((r) => r.outcome.kind === "not-generatable")
        .map((r) => `${r.doc}: ${(r.outcome as { reason: string }).reason}`);
      expect(failed).toEqual([]);
    });

    it("compiles every generated client under --strict --noUncheckedIndexedAccess", () => {
      const failed = rows
        .filter((r) => r.compileErrors.length > 0)
        .map((r) => `${r.doc}:\n  ${r.compileErrors.slice(0, 5).join("\n  ")}`);
      expect(failed).toEqual([]);
    });
  });
}
