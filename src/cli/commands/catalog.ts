import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadCatalogJson } from "../../catalog/index.js";
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
