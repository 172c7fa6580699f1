// Which versions of the catalog the site's history shows, read from git without a checkout.
import { EventlineError } from "../errors.js";
import { CATALOG_PATHSPECS, type HistoryKind } from "../model/git-history.js";
import { git, requireGitRepository } from "../model/git-snapshot.js";

export interface GitVersion {
  commit: string;
  /** Tag name (`tags`) or short sha (`commits`). */
  label: string;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
}

export interface GitVersions {
  /** Oldest first, at most `maxVersions`: the newest ones. */
  versions: GitVersion[];
  /** Older versions left out. */
  skipped: number;
}

function lines(root: string, args: string[]): string[] {
  return git(root, args)
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
}

/**
 * The newest `maxVersions` versions of the catalog under `root`, oldest first: every commit up to
 * HEAD that touched a catalog file (`commits`), or every tag on a commit up to HEAD, one version per
 * tagged commit (`tags`). Exit 2 outside a git repository, without a commit, or in a shallow clone
 * that holds fewer versions than asked for (its history is cut, so the timeline would be too).
 */
export function gitVersions(root: string, kind: HistoryKind, maxVersions: number): GitVersions {
  requireGitRepository(root, "--history", "Build from a git checkout, or leave out --history.");
  let head: string;
  try {
    head = lines(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])[0] ?? "";
  } catch {
    throw new EventlineError("INPUT_INVALID", "--history needs a commit, and HEAD names none", {
      hint: "Commit the catalog at least once.",
    });
  }
  const all = kind === "tags" ? taggedCommits(root, head) : catalogCommits(root, head);
  const shallow = lines(root, ["rev-parse", "--is-shallow-repository"])[0] === "true";
  if (shallow && all.length < maxVersions)
    throw new EventlineError(
      "INPUT_INVALID",
      `--history ${kind} found ${all.length} versions in a shallow clone: the older ones are not fetched`,
      {
        hint: "Fetch the history first: git fetch --unshallow (GitHub Actions: actions/checkout with fetch-depth: 0), or pass a smaller --max-versions.",
      },
    );
  const kept = all.slice(Math.max(0, all.length - maxVersions));
  return { versions: describe(root, kept), skipped: all.length - kept.length };
}

/** Commits up to `head` that changed a catalog file below the root, oldest first. */
function catalogCommits(root: string, head: string): { commit: string; label?: string }[] {
  return lines(root, [
    "log",
    "--reverse",
    "--topo-order",
    "--format=%H",
    head,
    "--",
    ...CATALOG_PATHSPECS,
  ]).map((commit) => ({ commit }));
}

/** Tagged commits reachable from `head`, oldest first, each named by its first tag in name order. */
function taggedCommits(root: string, head: string): { commit: string; label?: string }[] {
  const byCommit = new Map<string, string[]>();
  for (const l of lines(root, [
    "for-each-ref",
    "--format=%(objectname) %(*objectname) %(refname:strip=2)",
    `--merged=${head}`,
    "refs/tags",
  ])) {
    // Annotated tags peel to their commit; lightweight ones have no peeled object (an empty field).
    const [object = "", peeled = "", tag = ""] = l.split(" ");
    const commit = peeled || object;
    byCommit.set(commit, [...(byCommit.get(commit) ?? []), tag]);
  }
  if (byCommit.size === 0) return [];
  return lines(root, ["rev-list", "--reverse", "--topo-order", head])
    .filter((c) => byCommit.has(c))
    .map((commit) => ({ commit, label: (byCommit.get(commit) ?? []).sort()[0] as string }));
}

/** Short sha, date and subject of each commit, in one `git log`. */
function describe(root: string, list: { commit: string; label?: string }[]): GitVersion[] {
  if (list.length === 0) return [];
  const input = Buffer.from(list.map((v) => `${v.commit}\n`).join(""), "utf8");
  const out = git(root, ["log", "--stdin", "--no-walk=unsorted", "--format=%H%x00%h%x00%cI%x00%s"], input);
  const info = new Map(
    out
      .toString("utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => {
        const [commit = "", short = "", date = "", subject = ""] = l.split("\0");
        return [commit, { short, date, subject }] as const;
      }),
  );
  return list.map(({ commit, label }) => {
    const i = info.get(commit);
    return {
      commit,
      label: label ?? i?.short ?? commit.slice(0, 7),
      date: i?.date ?? "",
      subject: i?.subject ?? "",
    };
  });
}

/**
 * How the timeline names the catalog being built: "HEAD" when no catalog file differs from the last
 * commit, else "working tree" (uncommitted edits).
 */
export function currentLabel(root: string): { label: string; commit?: string } {
  const dirty = lines(root, ["status", "--porcelain", "--untracked-files=all", "--", ...CATALOG_PATHSPECS]);
  if (dirty.length > 0) return { label: "working tree" };
  const commit = lines(root, ["rev-parse", "HEAD"])[0];
  return commit ? { label: "HEAD", commit } : { label: "HEAD" };
}
