import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { buildSite, loadCatalogJson } from "../../catalog/index.js";
import type { CliIo } from "../io.js";

export interface CatalogCommonOptions {
  root?: string;
  config?: string;
  title?: string;
}

export interface CatalogExportOptions extends CatalogCommonOptions {
  paths: string[];
  format: "json";
  /** Write here instead of stdout. */
  out?: string;
}

function loadOptions(options: CatalogCommonOptions & { paths?: string[] }, io: CliIo) {
  return {
    cwd: io.cwd,
    ...(options.paths !== undefined ? { paths: options.paths } : {}),
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
  };
}

/** `eventline catalog export`: the catalog JSON on stdout or in a file. 0 written, 2 bad input. */
export async function runExport(options: CatalogExportOptions, io: CliIo): Promise<number> {
  const json = `${JSON.stringify(await loadCatalogJson(loadOptions(options, io)), null, 2)}\n`;
  if (options.out === undefined) {
    io.stdout(json);
    return 0;
  }
  const file = resolve(io.cwd, options.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, json);
  io.stderr(`catalog JSON written to ${file}\n`);
  return 0;
}

export interface CatalogBuildOptions extends CatalogCommonOptions {
  paths: string[];
  out: string;
  base?: string;
  /** False with --no-search. */
  search: boolean;
}

/** `eventline catalog build`: the static site in --out. 0 built, 2 bad input (and no site). */
export async function runBuild(options: CatalogBuildOptions, io: CliIo): Promise<number> {
  const progress = process.stderr.isTTY ? (line: string) => io.stderr(`catalog: ${line}\n`) : undefined;
  const json = await loadCatalogJson(loadOptions(options, io));
  progress?.(`${json.documents.length} documents loaded`);
  const stats = await buildSite(json, {
    out: resolve(io.cwd, options.out),
    search: options.search,
    ...(options.base !== undefined ? { base: options.base } : {}),
    ...(progress ? { progress } : {}),
  });
  io.stdout(
    `Catalog site: ${stats.pages} pages, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB in ${stats.out}\n` +
      `Open ${join(stats.out, "index.html")} in a browser, or serve the folder with any static server.\n`,
  );
  return 0;
}
