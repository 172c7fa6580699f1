import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkCompatibility,
  compareGeneratedFiles,
  compatReport,
  diffCatalogs,
  type EventlineErrorCode,
  formatReport,
  generate,
  isCompatible,
  isEventlineError,
  loadCatalog,
  writeGeneratedFiles,
} from "../src/index.js";
import { runCli } from "./cli/run-cli.js";

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

describe("compatibility from the package entry point", () => {
  const schema = (properties: string) =>
    `{"type":"object","required":["id"],"properties":{"id":{"type":"string"}${properties}}}`;

  it("checkCompatibility compares two schema files and its report formats like eventline compat", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-compat-"));
    writeFileSync(join(dir, "old.json"), schema(""));
    writeFileSync(
      join(dir, "new.json"),
      schema(',"total":{"type":"number"}').replace('["id"]', '["id","total"]'),
    );
    const result = await checkCompatibility({ cwd: dir, paths: ["old.json", "new.json"] });
    expect(result.kind).toBe("schema");
    expect(isCompatible(result.changes)).toBe(false);
    expect(result.changes.some((c) => c.breaking === true)).toBe(true);
    const report = compatReport(result);
    expect(report.command).toBe("compat");
    expect(report.compat?.compatible).toBe(false);
    const cli = await runCli(["compat", "old.json", "new.json", "--format", "json"], dir);
    expect(formatReport(report, "json")).toBe(cli.stdout);
  });

  it("diffCatalogs finds nothing between a catalog and itself", async () => {
    const { catalog } = await loadCatalog({ root: ROOT });
    expect(diffCatalogs(catalog, catalog)).toEqual({ mode: "default", changes: [] });
  });

  it("checkCompatibility refuses inputs of different kinds (INPUT_INVALID)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-compat-"));
    writeFileSync(join(dir, "old.json"), schema(""));
    mkdirSync(join(dir, "new"));
    const error = await checkCompatibility({ cwd: dir, paths: ["old.json", "new"] }).catch((e: unknown) => e);
    expect(isEventlineError(error) && error.code).toBe("INPUT_INVALID");
  });
});
