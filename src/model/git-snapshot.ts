import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { EventlineError } from "../errors.js";

/** Directories never part of a catalog snapshot. */
const SKIP = /(^|\/)(node_modules|\.eventline|\.git|dist)\//;
const DOCUMENT_FILE = /\.(ya?ml|json)$/i;
/** Large JSON files in a repository (lockfiles) are never documents or schemas. */
const SKIP_FILE = /(^|\/)(package-lock|package|tsconfig[^/]*)\.json$/;

export function git(cwd: string, args: string[], input?: Buffer): Buffer {
  return execFileSync("git", args, {
    cwd,
    ...(input !== undefined ? { input } : {}),
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Exit 2 unless `root` is inside a git work tree: `option` (a flag) needs one; `hint` says what else to do. */
export function requireGitRepository(root: string, option: string, hint: string): void {
  try {
    git(root, ["rev-parse", "--is-inside-work-tree"]);
  } catch {
    throw new EventlineError(
      "INPUT_INVALID",
      `${option} needs a git repository, and ${root} is not inside one`,
      {
        hint,
      },
    );
  }
}

/** The commit `ref` names, or exit 2 with a clear message. */
export function resolveRef(root: string, ref: string): string {
  if (ref.startsWith("-")) throw new EventlineError("USAGE", `invalid git ref "${ref}"`);
  requireGitRepository(
    root,
    "--against",
    "Run from a git checkout, or compare two paths: eventline compat <old> <new>.",
  );
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])
      .toString()
      .trim();
  } catch {
    throw new EventlineError(
      "INPUT_NOT_FOUND",
      `git ref "${ref}" does not name a commit in this repository`,
      {
        hint: "Check the spelling; in a shallow CI clone fetch it first (git fetch --depth=1 origin <branch>).",
      },
    );
  }
}

/**
 * Writes the YAML/JSON files under `root` as they are at `ref` into a fresh temp directory mirroring the
 * layout (documents, their `$ref`'d schemas, the config file), read from git objects without a
 * checkout. The caller must call `cleanup`.
 */
export function snapshotAtRef(
  root: string,
  ref: string,
): { dir: string; commit: string; cleanup: () => void } {
  const commit = resolveRef(root, ref);
  const dir = mkdtempSync(join(tmpdir(), "eventline-compat-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeSnapshot(root, commit, dir);
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dir, commit, cleanup };
}

/**
 * Writes the catalog files of `commit` (a full sha) into `dir`, an existing empty directory. A caller
 * that loads many versions reuses one directory, so the parse cache recognises unchanged documents.
 */
export function writeSnapshot(root: string, commit: string, dir: string): void {
  // Paths come out relative to `root` (ls-tree's default), and `<commit>:./path` is read relative to it.
  const names = git(root, ["ls-tree", "-r", "-z", "--name-only", commit, "--", "."])
    .toString("utf8")
    .split("\0")
    .filter(
      (p) => p !== "" && DOCUMENT_FILE.test(p) && !SKIP.test(p) && !SKIP_FILE.test(p) && !p.includes("\n"),
    )
    .filter((p) => !p.startsWith("../"));
  const blobs = readBlobs(root, commit, names);
  for (const [name, content] of blobs) {
    const target = join(dir, ...name.split("/"));
    if (!target.startsWith(dir + sep)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** One `git cat-file --batch` for every file: `<sha> blob <size>\n<bytes>\n` per request. */
function readBlobs(root: string, commit: string, names: string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (names.length === 0) return out;
  const input = Buffer.from(names.map((n) => `${commit}:./${n}\n`).join(""), "utf8");
  const data = git(root, ["cat-file", "--batch"], input);
  let offset = 0;
  for (const name of names) {
    const eol = data.indexOf(10, offset);
    if (eol < 0) break;
    const header = data.subarray(offset, eol).toString("utf8");
    offset = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<object> missing": a submodule or an unreadable entry
    const size = Number(m[2]);
    if (m[1] === "blob") out.set(name, data.subarray(offset, offset + size));
    offset += size + 1;
  }
  return out;
}
