// The catalog's version history: earlier versions read from git objects (as `compat --against`
// reads them), a timeline per message and per service, and the compat engine's diffs between
// versions.
import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadSide } from "../compat/check/index.js";
import { assertCatalogSchemas } from "../compat/check/schema-validity.js";
import { isEventlineError } from "../errors.js";
import { DEFAULT_MAX_VERSIONS, type HistoryKind } from "../model/git-history.js";
import { snapshotAtRef } from "../model/git-snapshot.js";
import type { Catalog, Service } from "../model/types.js";
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
  /** Reads a service's document text in this version. */
  document: (service: Service) => string;
}

/**
 * The history of `current` (the catalog being built): its earlier versions from git, each message's
 * and service's timeline, and the diffs between entries that get a page. Git snapshots are removed
 * before it returns.
 */
export async function catalogHistory(
  current: Catalog,
  options: CatalogHistoryOptions,
): Promise<CatalogHistory> {
  const root = current.root;
  const maxVersions = options.maxVersions ?? DEFAULT_MAX_VERSIONS;
  const found = gitVersions(root, options.kind, maxVersions);
  const cleanups: (() => void)[] = [];
  try {
    const ids = uniqueSlugs([
      ...found.versions.map((v) => ({ key: v.commit, candidates: [v.label] })),
      { key: "", candidates: ["working tree"] },
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
      const snapshot = snapshotAtRef(root, v.commit);
      cleanups.push(snapshot.cleanup);
      loaded.push(await loadVersion(version, snapshot.dir, options, root));
      options.progress?.(`history: read ${v.label} (${i + 1}/${found.versions.length})`);
    }
    const head = currentLabel(root);
    const now: CatalogVersion = {
      id: head.label === "HEAD" ? "head" : (ids.get("") as string),
      label: head.label,
    };
    if (head.commit) {
      const last = found.versions.at(-1);
      now.commit = head.commit;
      if (last?.commit === head.commit) Object.assign(now, { date: last.date, subject: last.subject });
    }
    loaded.push({
      version: now,
      ...usable(current, now, options),
      document: (s) => readText(join(root, s.file)),
    });
    return assemble(loaded, options.kind, found.skipped, options.progress);
  } finally {
    for (const cleanup of cleanups) cleanup();
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

async function loadVersion(
  version: CatalogVersion,
  dir: string,
  options: CatalogHistoryOptions,
  root: string,
): Promise<LoadedVersion> {
  const document = (s: Service) => readText(join(dir, s.file));
  try {
    const catalog = await loadSide({
      root: dir,
      cwd: dir,
      paths: snapshotPaths(options, root),
      // The parse cache is keyed by path: a temporary snapshot would only fill it with entries never read again.
      config: { cache: { enabled: false } },
      ...(options.configFile !== undefined ? { configFile: resolve(options.cwd, options.configFile) } : {}),
    });
    return { version, ...usable(catalog, version, options), document };
  } catch (error) {
    if (!isEventlineError(error)) throw error;
    version.error = error.message;
    options.warn?.(`history: ${version.label} left out: ${error.message}`);
    return { version, document };
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
  progress: CatalogHistoryOptions["progress"],
): CatalogHistory {
  const readable = loaded.filter((l) => l.catalog !== undefined);
  const ids = readable.map((l) => l.version.id);
  const messages = readable.map((l) => messageStates(l.catalog as Catalog));
  const services = readable.map((l, i) =>
    serviceStates(l.catalog as Catalog, l.document, messages[i] as Map<string, ResourceState>),
  );
  const diffs = new VersionDiffs(new Map(readable.map((l) => [l.version.id, l.catalog as Catalog])));
  // Timelines are of the resources that have pages: the current catalog's (the last version).
  const current = loaded.at(-1)?.catalog;
  const histories = (
    list: readonly { id: string }[],
    states: Map<string, ResourceState>[],
    about: (id: string) => (s: { serviceId: string; messageId?: string }) => boolean,
  ): CatalogResourceHistory[] =>
    list.flatMap(({ id }) => {
      const entries = timeline(
        ids,
        states.map((m) => m.get(id)),
      );
      if (entries.length === 0) return [];
      const accept = about(id);
      return [
        {
          id,
          entries,
          diffs: diffPairs(entries.length).map(([i, j]) => diffs.diff(entries[i]!, entries[j]!, accept)),
        },
      ];
    });
  const history: CatalogHistory = {
    kind,
    // The current catalog is listed only when some timeline has an entry for it.
    versions: [],
    skipped,
    messages: histories(current?.messages ?? [], messages, (id) => (s) => s.messageId === id),
    services: histories(current?.services ?? [], services, (id) => (s) => s.serviceId === id),
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
