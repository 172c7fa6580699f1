import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { dedupeDiagnostics, sortDiagnostics } from "../diagnostics/index.js";
import { VERSION } from "../version.js";
import type { DocumentModel } from "./build-context.js";
import { createDiskCache, noCache } from "./cache.js";
import {
  CONFIG_FILE_NAMES,
  type ConfigInput,
  type EventlineConfig,
  loadConfig,
  resolveConfig,
} from "./config.js";
import { discoverDocuments } from "./discover.js";
import { deepFreeze } from "./freeze.js";
import { linkEdges } from "./link.js";
import { loadDocument } from "./load-document.js";
import { sharedParserPool } from "./parser-pool.js";
import { createFileReader } from "./scan-refs.js";
import type { Catalog } from "./types.js";

/** Where and how to read the catalog; every option has a default. */
export interface LoadCatalogOptions {
  /**
   * Project root: config file, default globs, `$ref` boundary, cache. Default: the nearest directory at
   * or above `cwd` holding an eventline.config.* file or an asyncapi/ folder, else `cwd`.
   */
  root?: string;
  /** Base for relative `paths`. Default: `process.cwd()`. */
  cwd?: string;
  /** Files, directories or globs; when empty, the configured `documents` globs. */
  paths?: readonly string[];
  /** Settings that override the config file (or replace it when `configFile` is false). */
  config?: ConfigInput;
  /** Path of the config file, or false to ignore config files. Default: look for eventline.config.* in root. */
  configFile?: string | false;
  /**
   * Parser workers to start at the first document that is not in the cache. Default: one per document
   * of this load, up to `parserWorkers`. A caller about to run several loads at once (compat loads the
   * old and the new side together) passes the total.
   */
  warmWorkers?: number;
}

/** What {@link loadCatalog} returns. */
export interface LoadedCatalog {
  catalog: Catalog;
  config: EventlineConfig;
  /** The config file that was read, if any. */
  configFile?: string;
}

/**
 * Reads the catalog: every document through the `$ref` policy, the budgets and the AsyncAPI parser,
 * into one immutable model with producer → consumer edges across documents.
 */
export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const root = projectRoot(cwd, options.root);
  // An explicit config path is relative to where the command runs, like document paths.
  const fromFile =
    options.configFile === false
      ? { config: resolveConfig() }
      : loadConfig(root, options.configFile === undefined ? undefined : resolve(cwd, options.configFile));
  const config = options.config ? mergeConfig(fromFile.config, options.config) : fromFile.config;
  const paths = await discoverDocuments({
    root,
    cwd,
    paths: options.paths ?? [],
    documents: config.documents,
    exclude: config.exclude,
  });
  // Not capped by the number of documents: workers start lazily, and a changing count would restart them.
  const workers = Math.max(1, Math.min(config.parserWorkers, availableParallelism()));
  const env = {
    root,
    config,
    read: createFileReader(root, config.limits),
    pool: sharedParserPool(workers, config.limits.maxParserHeapMb),
    cache: config.cache.enabled ? createDiskCache(resolve(root, config.cache.dir)) : noCache,
    toolVersion: VERSION,
    warmWorkers: Math.min(workers, options.warmWorkers ?? paths.length),
  };
  const models = await Promise.all(paths.map((p) => loadDocument(p, env)));
  const catalog = assemble(root, dropReferencedFragments(models));
  return { catalog: deepFreeze(catalog), config, ...(fromFile.file ? { configFile: fromFile.file } : {}) };
}

/** `root` (relative to `cwd`) when given, else the project root found from `cwd`. */
export function projectRoot(cwd: string, root: string | undefined): string {
  return root !== undefined ? resolve(cwd, root) : findProjectRoot(cwd);
}

/**
 * Like git or ESLint: the nearest directory at or above `cwd` that holds an Eventline config file or
 * an `asyncapi/` folder (the zero-config layout), else `cwd`.
 */
export function findProjectRoot(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (CONFIG_FILE_NAMES.some((name) => existsSync(join(dir, name)))) return dir;
    if (existsSync(join(dir, "asyncapi")) && statSync(join(dir, "asyncapi")).isDirectory()) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

function mergeConfig(base: EventlineConfig, override: ConfigInput): EventlineConfig {
  return resolveConfig({
    ...base,
    ...override,
    limits: { ...base.limits, ...override.limits },
    cache: { ...base.cache, ...override.cache },
    rules: { ...base.rules, ...override.rules },
  });
}

/** A YAML file matched by the globs that another document `$ref`s is a shared fragment, not a document. */
function dropReferencedFragments(models: DocumentModel[]): DocumentModel[] {
  const referenced = new Set(models.flatMap((m) => m.dependencies ?? []));
  return models.filter(
    (m) => !(referenced.has(m.file) && m.diagnostics.some((d) => d.ruleId === "not-asyncapi")),
  );
}

function assemble(root: string, models: DocumentModel[]): Catalog {
  // Two documents with the same title: later ones (in path order) get the first free numeric suffix.
  const used = new Set<string>();
  for (const m of models) {
    if (!m.service) continue;
    const base = m.service.id;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    if (id !== base) renameService(m, id);
  }
  const messages = new Map<string, DocumentModel["messages"][number]>();
  for (const m of models) for (const msg of m.messages) if (!messages.has(msg.id)) messages.set(msg.id, msg);
  const channels = models.flatMap((m) => m.channels);
  const operations = models.flatMap((m) => m.operations);
  const messageList = [...messages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    root,
    documents: models.map((m) => m.file),
    services: models.flatMap((m) => (m.service ? [m.service] : [])),
    channels,
    messages: messageList,
    operations,
    edges: linkEdges(channels, messageList, operations),
    diagnostics: sortDiagnostics(dedupeDiagnostics(models.flatMap((m) => m.diagnostics))),
  };
}

function renameService(model: DocumentModel, id: string): void {
  const old = model.service!.id;
  const rename = (s: string) => (s.startsWith(`${old}/`) ? `${id}/${s.slice(old.length + 1)}` : s);
  model.service = {
    ...model.service!,
    id,
    channelIds: model.service!.channelIds.map(rename),
    operationIds: model.service!.operationIds.map(rename),
  };
  model.channels = model.channels.map((c) => ({ ...c, id: rename(c.id), serviceId: id }));
  model.operations = model.operations.map((o) => ({
    ...o,
    id: rename(o.id),
    serviceId: id,
    channelId: rename(o.channelId),
  }));
}
