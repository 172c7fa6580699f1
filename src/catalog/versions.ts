// The catalog's version history: earlier versions read from git objects (as `compat --against`
// reads them), a timeline per message and per service, and the compat engine's diffs between
// versions.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadSide } from "../compat/check/index.js";
import { assertCatalogSchemas } from "../compat/check/schema-validity.js";
import { isEventlineError } from "../errors.js";
import { DEFAULT_MAX_VERSIONS, type HistoryKind } from "../model/git-history.js";
import { writeSnapshot } from "../model/git-snapshot.js";
import type { Catalog } from "../model/types.js";
import { uniqueSlugs } from "./slugs.js";
import type { CatalogHistory, CatalogResourceHistory, CatalogVersion } from "./types.js";
import { VersionDiffs } from "./versions-diff.js";
import { currentLabel, gitVersions } from "./versions-git.js";
import {
  diffPairs,
  messageStates,
  type ResourceState,
  serviceStates,
  timeline,
} from "./versions-timeline.js";

export interface CatalogHistoryOptions {
  kind: HistoryKind;
  /** Default 20. */
  maxVersions?: number;
  /** The documents as given on the command line (relative to `cwd`); each version reads the same ones. */
  paths?: readonly string[];
  cwd: string;
  /** An explicit config file applies to every version; otherwise each reads its own. */
  configFile?: string;
  /** A line per version read (the CLI prints them on a terminal). */
  progress?: (line: string) => void;
  /** A version whose documents do not load is left out, and said so here. */
  warn?: (line: string) => void;
}

interface LoadedVersion {
  version: CatalogVersion;
  catalog?: Catalog;
  /** Each service's document text in this version. */
  documents: Map<string, string>;
}

/**
 * The history of `current` (the catalog being built): its earlier versions from git, each message's
 * and service's timeline, and the diffs between entries that get a page. Every version is written
 * into one temporary directory in turn and read with a private parse cache, so a document unchanged
 * since the version before is not parsed again; the directory is removed before it returns.
 */
export async function catalogHistory(
  current: Catalog,
  options: CatalogHistoryOptions,
): Promise<CatalogHistory> {
  const root = current.root;
  const maxVersions = options.maxVersions ?? DEFAULT_MAX_VERSIONS;
  const found = gitVersions(root, options.kind, maxVersions);
  if (found.versions.length === 0)
    options.warn?.(
      options.kind === "tags"
        ? "history: no tag is reachable from HEAD; every timeline starts now (--history commits reads commits)"
        : "history: no commit touched a catalog file yet; every timeline starts now",
    );
  const work = mkdtempSync(join(tmpdir(), "eventline-history-"));
  const dir = join(work, "snapshot");
  const materialize = (commit: string) => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeSnapshot(root, commit, dir);
  };
  try {
    const head = currentLabel(root);
    // The catalog being built is keyed "" (no commit names it), so a tag cannot take its id.
    const ids = uniqueSlugs([
      ...found.versions.map((v) => ({ key: v.commit, candidates: [v.label] })),
      { key: "", candidates: [head.label] },
    ]);
    const loaded: LoadedVersion[] = [];
    for (const [i, v] of found.versions.entries()) {
      const version: CatalogVersion = {
        id: ids.get(v.commit) as string,
        label: v.label,
        commit: v.commit,
        ...(v.date ? { date: v.date } : {}),
        ...(v.subject ? { subject: v.subject } : {}),
      };
      materialize(v.commit);
      loaded.push(await loadVersion(version, dir, join(work, "cache"), options, root));
      options.progress?.(`history: read ${v.label} (${i + 1}/${found.versions.length})`);
    }
    const now: CatalogVersion = {
      id: ids.get("") as string,
      label: head.label,
    };
    if (head.commit) {
      const last = found.versions.at(-1);
      now.commit = head.commit;
      if (last?.commit === head.commit) Object.assign(now, { date: last.date, subject: last.subject });
    }
    loaded.push({ version: now, ...usable(current, now, options), documents: documentsOf(current, root) });
    const commits = new Map(loaded.map((l) => [l.version.id, l.version.commit]));
    // The working tree's catalog reads its own files; a git version's are written back first.
    const prepare = (id: string) => {
      const commit = id === now.id ? undefined : commits.get(id);
      if (commit) materialize(commit);
    };
    return assemble(loaded, options.kind, found.skipped, prepare, options.progress);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A catalog whose schemas ajv refuses cannot be compared: the version is left out, with the reason. */
function usable(
  catalog: Catalog,
  version: CatalogVersion,
  options: CatalogHistoryOptions,
): { catalog?: Catalog } {
  try {
    assertCatalogSchemas(catalog);
    return { catalog };
  } catch (error) {
    if (!isEventlineError(error)) throw error;
    version.error = error.message;
    options.warn?.(`history: ${version.label} left out: ${error.message}`);
    return {};
  }
}

function documentsOf(catalog: Catalog, dir: string): Map<string, string> {
  return new Map(catalog.services.map((s) => [s.id, readText(join(dir, s.file))]));
}

async function loadVersion(
  version: CatalogVersion,
  dir: string,
  cacheDir: string,
  options: CatalogHistoryOptions,
  root: string,
): Promise<LoadedVersion> {
  try {
    const catalog = await loadSide({
      root: dir,
      cwd: dir,
      paths: snapshotPaths(options, root),
      // A private cache: entries name files of the temporary directory, useless to any later run.
      config: { cache: { enabled: true, dir: cacheDir } },
      ...(options.configFile !== undefined ? { configFile: resolve(options.cwd, options.configFile) } : {}),
    });
    return { version, ...usable(catalog, version, options), documents: documentsOf(catalog, dir) };
  } catch (error) {
    if (!isEventlineError(error)) throw error;
    version.error = error.message;
    options.warn?.(`history: ${version.label} left out: ${error.message}`);
    return { version, documents: new Map() };
  }
}

/** Command-line paths as the snapshot (a mirror of the root) spells them. */
function snapshotPaths(options: CatalogHistoryOptions, root: string): string[] {
  return (options.paths ?? []).map((p) => {
    const rel = relative(root, resolve(options.cwd, p));
    return rel === "" ? "." : isAbsolute(rel) ? p : rel.split(sep).join("/");
  });
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function assemble(
  loaded: LoadedVersion[],
  kind: HistoryKind,
  skipped: number,
  prepare: (id: string) => void,
  progress: CatalogHistoryOptions["progress"],
): CatalogHistory {
  const readable = loaded.filter((l) => l.catalog !== undefined);
  const ids = readable.map((l) => l.version.id);
  const messages = readable.map((l) => messageStates(l.catalog as Catalog));
  const services = readable.map((l, i) =>
    serviceStates(
      l.catalog as Catalog,
      (s) => l.documents.get(s.id) ?? "",
      messages[i] as Map<string, ResourceState>,
    ),
  );
  const diffs = new VersionDiffs(new Map(readable.map((l) => [l.version.id, l.catalog as Catalog])), prepare);
  // Timelines are of the resources that have pages: the current catalog's (the last version).
  const current = loaded.at(-1)?.catalog;
  const timelines = (
    list: readonly { id: string }[],
    states: Map<string, ResourceState>[],
    about: (id: string) => (s: { serviceId: string; messageId?: string }) => boolean,
  ) =>
    list.flatMap(({ id }) => {
      const entries = timeline(
        ids,
        states.map((m) => m.get(id)),
      );
      return entries.length === 0
        ? []
        : [{ id, entries, pairs: diffPairs(entries.length), accept: about(id) }];
    });
  const messageLines = timelines(current?.messages ?? [], messages, (id) => (s) => s.messageId === id);
  const serviceLines = timelines(current?.services ?? [], services, (id) => (s) => s.serviceId === id);
  // Every pair ending at one version is compared while that version's files are on disk.
  const order = new Map(ids.map((id, i) => [id, i]));
  const wanted = [...messageLines, ...serviceLines]
    .flatMap((t) => t.pairs.map(([i, j]) => [t.entries[i]!.version, t.entries[j]!.version] as const))
    .sort((a, b) => (order.get(a[1]) ?? 0) - (order.get(b[1]) ?? 0));
  for (const [from, to] of wanted) diffs.changes(from, to);
  const histories = (lines: typeof messageLines): CatalogResourceHistory[] =>
    lines.map(({ id, entries, pairs, accept }) => ({
      id,
      entries,
      diffs: pairs.map(([i, j]) => diffs.diff(entries[i]!, entries[j]!, accept)),
    }));
  const history: CatalogHistory = {
    kind,
    // The current catalog is listed only when some timeline has an entry for it.
    versions: [],
    skipped,
    messages: histories(messageLines),
    services: histories(serviceLines),
  };
  const used = new Set(
    [...history.messages, ...history.services].flatMap((h) => h.entries.map((e) => e.version)),
  );
  history.versions = loaded
    .map((l) => l.version)
    .filter((v, i) => i < loaded.length - 1 || used.has(v.id) || v.error);
  progress?.(`history: ${history.versions.length} versions, ${diffs.compared} pairs compared`);
  return history;
}
