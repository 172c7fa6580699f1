import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareGeneratedFiles,
  type EventlineErrorCode,
  generate,
  isEventlineError,
  loadCatalog,
  writeGeneratedFiles,
} from "../src/index.js";

// The example platform: a catalog without errors, so code can be generated from it.
const ROOT = resolve(import.meta.dirname, "..");

describe("generate() from the package entry point", () => {
  it("returns the client files; written, they compare equal, and a change shows", async () => {
    const { catalog } = await loadCatalog({ root: ROOT });
    const service = catalog.services[0]!.id;
    const files = await generate(catalog, { services: [service] });
    expect(files.every((f) => f.path.startsWith(`${service}/`) || f.path.split("/").length === 2)).toBe(true);
    expect(files.map((f) => f.path.split("/").pop()).sort()).toEqual([
      "client.ts",
      "index.ts",
      "types.ts",
      "validators.ts",
    ]);
    const out = mkdtempSync(join(tmpdir(), "eventline-generate-"));
    expect(compareGeneratedFiles(out, files).map((d) => d.status)).toEqual(files.map(() => "missing"));
    writeGeneratedFiles(out, files);
    expect(compareGeneratedFiles(out, files)).toEqual([]);
    writeFileSync(join(out, files[0]!.path), "// edited\n");
    expect(compareGeneratedFiles(out, files)).toEqual([{ path: files[0]!.path, status: "changed" }]);
  });

  it("refuses a service the catalog does not have (USAGE)", async () => {
    const { catalog } = await loadCatalog({ root: ROOT });
    const error = await generate(catalog, { services: ["no-such-service"] }).catch((e: unknown) => e);
    expect(isEventlineError(error) && (error.code satisfies EventlineErrorCode)).toBe("USAGE");
  });
});
