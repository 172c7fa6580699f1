import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/index.js";
import { EventlineError } from "../../errors.js";
import { CONFIG_FILE_NAMES } from "../../model/config.js";
import { type LoadCatalogOptions, loadCatalog } from "../../model/load-catalog.js";
import type { Catalog } from "../../model/types.js";
import { diffCatalogs } from "../catalog-diff/index.js";
import { assertCatalogSchemas } from "./schema-validity.js";
import { type CompareOptions, toCompatibilityMode } from "./types.js";

/**
 * Loads one side, with the parse cache as configured (a repeated check of unchanged documents skips
 * the parser). Fails with file:line when a document does not load.
 */
export async function loadSide(options: LoadCatalogOptions): Promise<Catalog> {
  const { catalog } = await loadCatalog(options);
  // Catalog diagnostics are the parser's and the model's (lint runs separately): an error means the
  // document is not valid AsyncAPI, and comparing what half-loaded could report nonsense.
  const failure = catalog.diagnostics.find((d) => d.severity === "error");
  if (failure) {
    const where =
      failure.line === undefined ? failure.file : `${failure.file}:${failure.line}:${failure.column ?? 1}`;
    throw new EventlineError("INPUT_INVALID", `${where}: ${failure.message} (${failure.ruleId})`, {
      file: failure.file,
      ...(failure.line !== undefined ? { line: failure.line } : {}),
      hint: failure.hint ?? "Run `eventline validate` on it first: compat compares documents that load.",
    });
  }
  return catalog;
}

/**
 * The catalog of a temporary git snapshot: its own config file unless `--config` names one (relative
 * to `cwd`), and no parse cache, which would be left behind in the snapshot.
 */
export function loadSnapshot(dir: string, config: string | undefined, cwd: string): Promise<Catalog> {
  return loadSide({
    root: dir,
    cwd: dir,
    paths: [],
    config: { cache: { enabled: false } },
    ...(config !== undefined ? { configFile: resolve(cwd, config) } : {}),
  });
}

/** A directory is a project (config file or `asyncapi/` inside: configured globs) or a folder of documents. */
export function directoryOptions(dir: string): LoadCatalogOptions {
  const isProject =
    CONFIG_FILE_NAMES.some((n) => existsSync(join(dir, n))) || existsSync(join(dir, "asyncapi"));
  return isProject
    ? { root: dir, cwd: dir, paths: [] }
    : { root: dir, cwd: dir, paths: ["."], configFile: false };
}

/**
 * Catalog against catalog. An explicit mode replaces every `x-eventline-compatibility`, since
 * diffCatalogs reads it as a fallback only.
 */
export function compareCatalogs(
  oldCatalog: Catalog,
  newCatalog: Catalog,
  options: CompareOptions,
): { mode: string; changes: Diagnostic[] } {
  // A schema ajv refuses has no meaning to compare: exit 2 rather than a verdict.
  assertCatalogSchemas(oldCatalog);
  assertCatalogSchemas(newCatalog);
  const mode = options.mode ? toCompatibilityMode(options.mode) : undefined;
  const changes = diffCatalogs(withMode(oldCatalog, mode), withMode(newCatalog, mode), {
    ...(mode ? { mode } : {}),
    subset: {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.lenient ? { writerDeclaredKeysOnly: true } : {}),
    },
  });
  return { mode: options.mode ?? "default", changes };
}

function withMode(catalog: Catalog, mode: string | undefined): Catalog {
  if (mode === undefined) return catalog;
  return {
    ...catalog,
    services: catalog.services.map((s) => ({ ...s, compatibility: mode })),
    messages: catalog.messages.map((m) => ({ ...m, compatibility: mode })),
  };
}
