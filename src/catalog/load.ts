import { sortDiagnostics } from "../diagnostics/index.js";
import { EventlineError } from "../errors.js";
import { validate } from "../lint/validate.js";
import { resolvePositions } from "../model/index.js";
import { buildCatalogJson } from "./build.js";
import type { CatalogJson } from "./types.js";
import { type CatalogHistoryOptions, catalogHistory } from "./versions.js";

export interface LoadCatalogJsonOptions {
  cwd: string;
  /** Documents, directories or globs (default: `documents` from the config). */
  paths?: string[];
  root?: string;
  configFile?: string;
  title?: string;
  /** Read earlier versions from git and add their timelines and diffs (`--history`). */
  history?: Pick<CatalogHistoryOptions, "kind" | "maxVersions" | "progress" | "warn">;
  /** Called as each step ends ("load and lint", "catalog JSON"), for timings. */
  step?: (name: string) => void;
}

/**
 * Loads the catalog, lints it and builds its JSON. A document that does not load is an input error
 * naming its file and line: a site that silently leaves a service out would mislead its readers.
 */
export async function loadCatalogJson(options: LoadCatalogJsonOptions): Promise<CatalogJson> {
  // The findings each page shows are exactly what `eventline validate` reports.
  const { catalog, config, report } = await validate({
    cwd: options.cwd,
    paths: options.paths ?? [],
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
  });
  const loadErrors = sortDiagnostics(
    resolvePositions(
      catalog.diagnostics.filter((d) => d.severity === "error"),
      catalog.root,
      config.limits,
    ),
  );
  const first = loadErrors[0];
  if (first) {
    const where = `${first.file}${first.line !== undefined ? `:${first.line}` : ""}`;
    const more = loadErrors.length > 1 ? ` (and ${loadErrors.length - 1} more)` : "";
    throw new EventlineError("INPUT_INVALID", `${where}: ${first.message}${more}`, {
      file: first.file,
      ...(first.line !== undefined ? { line: first.line } : {}),
      hint: "run `eventline validate` for every problem; the catalog is built only from documents that load",
    });
  }
  options.step?.("load and lint");
  if (catalog.services.length === 0) {
    throw new EventlineError("INPUT_NOT_FOUND", `no AsyncAPI documents found under ${catalog.root}`, {
      hint: "pass documents or directories, or set `documents` in eventline.config.yaml",
    });
  }
  const json = buildCatalogJson(catalog, {
    diagnostics: report.diagnostics,
    rules: report.rules,
    ...(options.title !== undefined ? { title: options.title } : {}),
  });
  options.step?.("catalog JSON");
  if (options.history) {
    json.history = await catalogHistory(catalog, {
      ...options.history,
      cwd: options.cwd,
      ...(options.paths !== undefined ? { paths: options.paths } : {}),
      ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    });
    options.step?.("versions from git");
  }
  return json;
}
