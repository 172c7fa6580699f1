import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { EventlineError } from "../errors.js";
import { git, resolveRef } from "./git-snapshot.js";

/** Which earlier versions `--transitive` compares against: commits that touched the catalog, or tags. */
export const HISTORY_KINDS = ["commits", "tags"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
export const DEFAULT_MAX_VERSIONS = 20;

/** One earlier version of the catalog: a commit, and how reports name it (short sha or tag). */
export interface CatalogVersion {
  commit: string;
  label: string;
}

export interface CatalogHistory {
  /** Oldest first; the first is always the `--against` ref itself. */
  versions: CatalogVersion[];
  /** Versions left out by `maxVersions` (the oldest ones after the ref). */
  skipped: number;
}

export interface HistoryOptions {
  history?: HistoryKind;
  maxVersions?: number;
}

/**
 * Files that can belong to a catalog (the snapshot's filter, as pathspecs relative to the root):
 * documents, their `$ref`'d schemas and the config, not dependencies or build output.
 */
export const CATALOG_PATHSPECS = [
  ":(glob,icase)**/*.yaml",
  ":(glob,icase)**/*.yml",
  ":(glob,icase)**/*.json",
  ":(exclude,glob)**/node_modules/**",
  ":(exclude,glob)**/.eventline/**",
  ":(exclude,glob)**/dist/**",
  ":(exclude,glob)**/package*.json",
  ":(exclude,glob)**/tsconfig*.json",
];

function lines(root: string, args: string[]): string[] {
  return git(root, args)
    .toString("utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/**
 * The earlier versions of the catalog under `root` that `--against <ref> --transitive` checks the
 * working tree against: the ref, then every commit after it up to HEAD that touched a catalog file
 * (`commits`), or every tag after it up to HEAD (`tags`), oldest first. Read from git objects only.
 * At most `maxVersions`: the ref and the newest ones. Exit 2 for a bad ref, no repository, or a
 * shallow clone that lacks part of that history.
 */
export function catalogHistory(root: string, ref: string, options: HistoryOptions = {}): CatalogHistory {
  const maxVersions = options.maxVersions ?? DEFAULT_MAX_VERSIONS;
  if (!Number.isInteger(maxVersions) || maxVersions < 1)
    throw new EventlineError("USAGE", `--max-versions must be a positive integer, got ${maxVersions}`);
  const base = resolveRef(root, ref);
  const head = headCommit(root);
  assertFullHistory(root, ref, base, head);
  const kind = options.history ?? "commits";
  const later = kind === "tags" ? tagsAfter(root, base, head) : commitsAfter(root, base, head);
  const all = [
    {
      commit: base,
      label: kind === "tags" ? (tagsAt(root, base)[0] ?? short(root, base)) : short(root, base),
    },
    ...later,
  ];
  if (all.length <= maxVersions) return { versions: all, skipped: 0 };
  const kept = maxVersions === 1 ? [] : all.slice(all.length - (maxVersions - 1));
  return { versions: [all[0] as CatalogVersion, ...kept], skipped: all.length - maxVersions };
}

function headCommit(root: string): string {
  try {
    return lines(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])[0] ?? "";
  } catch {
    throw new EventlineError(
      "INPUT_INVALID",
      "--transitive needs a checked-out commit, and HEAD names none",
      {
        hint: "Commit the catalog at least once.",
      },
    );
  }
}

function short(root: string, commit: string): string {
  return lines(root, ["rev-parse", "--short", commit])[0] ?? commit.slice(0, 7);
}

/**
 * A shallow clone has grafted boundary commits whose parents are missing: when one lies between the
 * ref and HEAD, the walk would silently see a truncated history.
 */
function assertFullHistory(root: string, ref: string, base: string, head: string): void {
  if (lines(root, ["rev-parse", "--is-shallow-repository"])[0] !== "true") return;
  const shallowFile = lines(root, ["rev-parse", "--git-path", "shallow"])[0] ?? "";
  const path = isAbsolute(shallowFile) ? shallowFile : join(root, shallowFile);
  const boundary = new Set(
    existsSync(path)
      ? readFileSync(path, "utf8")
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "")
      : [],
  );
  const range = lines(root, ["rev-list", `${base}..${head}`]);
  if (range.some((c) => boundary.has(c)) || !isAncestor(root, base, head))
    throw new EventlineError(
      "INPUT_INVALID",
      `--transitive needs the history from ${ref} to HEAD, and this clone is shallow: part of it is missing`,
      {
        hint: "Fetch the history first: git fetch --unshallow (GitHub Actions: actions/checkout with fetch-depth: 0).",
      },
    );
}

function isAncestor(root: string, a: string, b: string): boolean {
  try {
    git(root, ["merge-base", "--is-ancestor", a, b]);
    return true;
  } catch {
    return false;
  }
}

/** Commits after `base` up to `head` that changed a catalog file below the root, oldest first. */
function commitsAfter(root: string, base: string, head: string): CatalogVersion[] {
  return lines(root, [
    "log",
    "--reverse",
    "--topo-order",
    "--format=%H %h",
    `${base}..${head}`,
    "--",
    ...CATALOG_PATHSPECS,
  ]).map((l) => {
    const [commit = "", label = ""] = l.split(" ");
    return { commit, label };
  });
}

/** Tags on commits after `base` up to `head`, oldest commit first; one version per tagged commit. */
function tagsAfter(root: string, base: string, head: string): CatalogVersion[] {
  const byCommit = new Map<string, string[]>();
  for (const l of lines(root, [
    "for-each-ref",
    "--format=%(objectname) %(*objectname) %(refname:strip=2)",
    `--merged=${head}`,
    `--no-merged=${base}`,
    "refs/tags",
  ])) {
    // Annotated tags peel to their commit; lightweight ones have no peeled object (an empty field).
    const [object = "", peeled = "", tag = ""] = l.split(" ");
    const commit = peeled || object;
    const list = byCommit.get(commit) ?? [];
    list.push(tag);
    byCommit.set(commit, list);
  }
  if (byCommit.size === 0) return [];
  const order = lines(root, ["rev-list", "--reverse", "--topo-order", `${base}..${head}`]);
  return order
    .filter((c) => byCommit.has(c))
    .map((commit) => ({ commit, label: (byCommit.get(commit) ?? []).sort()[0] ?? commit.slice(0, 7) }));
}

function tagsAt(root: string, commit: string): string[] {
  return lines(root, ["tag", "--points-at", commit]).sort();
}
