import { resolve } from "node:path";
import { EventlineError } from "../errors.js";
import type { Catalog } from "../model/types.js";
import { type GeneratedFile, type GenerateOptions, generateService } from "./generate.js";
import { renderWithTemplate } from "./run-template.js";

/** Settings of `eventline generate` as a function. */
export interface GenerateCatalogOptions extends GenerateOptions {
  /** Service ids to generate; default all. */
  services?: readonly string[];
  /**
   * Render through the AsyncAPI generator and generators/typescript (default true). Without it the
   * same files are produced directly, which is faster (used by benchmarks to separate the costs).
   */
  template?: boolean;
}

/**
 * The typed client files `eventline generate` writes for the selected services (`types.ts`,
 * `validators.ts`, `client.ts`, `index.ts` in one folder per service), paths relative to the output
 * folder. Nothing is written. Throws an `EventlineError` (`INPUT_INVALID`) when the catalog has
 * errors, and (`USAGE`) for a service id the catalog does not have.
 */
export async function generateCatalog(
  catalog: Catalog,
  options: GenerateCatalogOptions = {},
): Promise<GeneratedFile[]> {
  const errors = catalog.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const lines = errors.slice(0, 20).map((d) => `  ${d.file}:${d.line ?? 1}:${d.column ?? 1} ${d.message}`);
    throw new EventlineError(
      "INPUT_INVALID",
      `the catalog has ${errors.length} error(s); fix them before generating (eventline validate):\n${lines.join("\n")}`,
    );
  }
  const known = catalog.services.map((s) => s.id);
  const unknown = (options.services ?? []).filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new EventlineError(
      "USAGE",
      `unknown service ${unknown.map((u) => JSON.stringify(u)).join(", ")}; the catalog has: ${known.join(", ")}`,
    );
  }
  const selected = catalog.services.filter(
    (s) => !options.services?.length || options.services.includes(s.id),
  );
  const all: GeneratedFile[] = [];
  for (const service of selected) {
    const files = await generateService(catalog, service, options);
    if (options.template === false) {
      all.push(...files);
      continue;
    }
    const folder = files[0]!.path.split("/")[0]!;
    const local = files.map((f) => ({ path: f.path.slice(folder.length + 1), content: f.content }));
    const rendered = await renderWithTemplate(resolve(catalog.root, service.file), local);
    all.push(...rendered.map((f) => ({ path: `${folder}/${f.path}`, content: f.content })));
  }
  return all;
}
