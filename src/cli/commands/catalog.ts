import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { buildSite, loadCatalogJson, serveSite } from "../../catalog/index.js";
import { EventlineError } from "../../errors.js";
import type { HistoryKind } from "../../model/git-history.js";
import { projectRoot } from "../../model/load-catalog.js";
import type { CliIo } from "../io.js";
import { maxVersions } from "./compat.js";
import { stopOnSignals } from "./generate.js";
import { watchAndGenerate } from "./generate-watch.js";

export interface CatalogCommonOptions {
  root?: string;
  config?: string;
  title?: string;
  /** Read earlier versions from git: each commit that touched the catalog, or each tag. */
  history?: HistoryKind;
  maxVersions?: string;
}

export interface CatalogExportOptions extends CatalogCommonOptions {
  paths: string[];
  format: "json";
  /** Write here instead of stdout. */
  out?: string;
}

/** Progress lines on stderr when it is a terminal; quiet in CI logs and pipes. */
function progressOf(io: CliIo) {
  return process.stderr.isTTY ? (line: string) => io.stderr(`catalog: ${line}\n`) : undefined;
}

function historyOptions(options: CatalogCommonOptions, io: CliIo) {
  if (options.history === undefined) {
    if (options.maxVersions !== undefined)
      throw new EventlineError("USAGE", "--max-versions applies with --history only", {
        hint: "eventline catalog build --history tags --max-versions 10",
      });
    return {};
  }
  const progress = progressOf(io);
  return {
    history: {
      kind: options.history,
      ...(options.maxVersions !== undefined ? { maxVersions: maxVersions(options.maxVersions) } : {}),
      ...(progress ? { progress } : {}),
      // A version left out changes what the timelines say: always shown, terminal or not.
      warn: (line: string) => io.stderr(`catalog: warning: ${line}\n`),
    },
  };
}

function loadOptions(options: CatalogCommonOptions & { paths?: string[] }, io: CliIo) {
  return {
    ...historyOptions(options, io),
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
  /** Print each step's duration on stderr. */
  timings?: boolean;
}

/** `eventline catalog build`: the static site in --out. 0 built, 2 bad input (and no site). */
export async function runBuild(options: CatalogBuildOptions, io: CliIo): Promise<number> {
  const progress = progressOf(io);
  const steps: string[] = [];
  let last = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps.push(`${name} ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
  const json = await loadCatalogJson({ ...loadOptions(options, io), ...(options.timings ? { step } : {}) });
  progress?.(`${json.documents.length} documents loaded`);
  const stats = await buildSite(json, {
    out: resolve(io.cwd, options.out),
    search: options.search,
    ...(options.base !== undefined ? { base: options.base } : {}),
    ...(progress ? { progress } : {}),
    ...(options.timings ? { step } : {}),
  });
  if (options.timings) io.stderr(`catalog timings: ${steps.join(", ")}\n`);
  io.stdout(
    `Catalog site: ${stats.pages} pages, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB in ${stats.out}\n` +
      `Open ${join(stats.out, "index.html")} in a browser, or serve the folder with any static server.\n`,
  );
  return 0;
}

export interface CatalogDevOptions extends CatalogCommonOptions {
  paths: string[];
  out: string;
  port: string;
  host: string;
  search: boolean;
}

/**
 * `eventline catalog dev`: builds the site, serves it on localhost and rebuilds it after every change
 * to the documents and schemas; open pages reload. A broken document prints its error and the last
 * good site stays up. Ends with 0 when `signal` aborts (the CLI: Ctrl-C or SIGTERM).
 */
export async function runDev(options: CatalogDevOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EventlineError(
      "USAGE",
      `--port must be an integer from 0 to 65535, got ${JSON.stringify(options.port)}`,
    );
  }
  // A usage error stops dev before it serves anything, as it stops build; the rebuilds parse these again.
  historyOptions(options, io);
  const root = projectRoot(io.cwd, options.root);
  const out = resolve(io.cwd, options.out);
  const server = await serveSite(out, { port, host: options.host });
  const stop = signal ? undefined : stopOnSignals();
  let first = true;
  try {
    return await watchAndGenerate(
      { root, out },
      io,
      async () => {
        const json = await loadCatalogJson(loadOptions(options, io));
        const stats = await buildSite(json, { out, search: options.search });
        io.stdout(
          first
            ? `Catalog site at ${server.url} (${stats.pages} pages); rebuilt on every change.\n`
            : `Rebuilt: ${stats.pages} pages; open pages reload.\n`,
        );
        first = false;
        server.reload();
        return 0;
      },
      signal ?? (stop as AbortController).signal,
    );
  } finally {
    stop?.abort();
    await server.close();
  }
}
