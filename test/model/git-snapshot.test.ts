import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isEventlineError } from "../../src/errors.js";
import { resolveRef, snapshotAtRef } from "../../src/model/git-snapshot.js";
import { FIXTURES, git, repoWithChange, tempDir } from "../support/compat-git.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("snapshotAtRef", () => {
  it("mirrors the YAML/JSON files at the ref without touching the working tree", () => {
    const repo = repoWithChange();
    cleanups.push(repo.remove);
    writeFileSync(join(repo.dir, "package.json"), "{}");
    git(repo.dir, "add", "package.json");
    git(repo.dir, "commit", "-q", "-m", "pkg");
    const snap = snapshotAtRef(repo.dir, "HEAD~1");
    cleanups.push(snap.cleanup);
    expect(readdirSync(join(snap.dir, "asyncapi")).sort()).toEqual(["billing.yaml", "orders.yaml"]);
    expect(readFileSync(join(snap.dir, "asyncapi/orders.yaml"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "catalog/old/asyncapi/orders.yaml"), "utf8"),
    );
    expect(existsSync(join(snap.dir, "package.json"))).toBe(false);
    // The working tree still holds the new version.
    expect(readFileSync(join(repo.dir, "asyncapi/orders.yaml"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "catalog/new/asyncapi/orders.yaml"), "utf8"),
    );
    snap.cleanup();
    expect(existsSync(snap.dir)).toBe(false);
  });

  it("reads paths relative to a root below the repository top level", () => {
    const repo = tempDir();
    cleanups.push(repo.remove);
    git(repo.dir, "init", "-q");
    const sub = join(repo.dir, "services");
    writeFileSync(join(repo.dir, "top.yaml"), "a: 1\n");
    mkdirSync(sub);
    writeFileSync(join(sub, "doc.yaml"), "b: 2\n");
    git(repo.dir, "add", "-A");
    git(repo.dir, "commit", "-q", "-m", "v1");
    const snap = snapshotAtRef(sub, "HEAD");
    cleanups.push(snap.cleanup);
    expect(readdirSync(snap.dir)).toEqual(["doc.yaml"]);
  });

  it("rejects a ref that names no commit, with a clear message", () => {
    const repo = repoWithChange();
    cleanups.push(repo.remove);
    const error = caught(() => resolveRef(repo.dir, "no-such-branch"));
    expect(isEventlineError(error) && error.code).toBe("INPUT_NOT_FOUND");
    expect((error as Error).message).toContain('git ref "no-such-branch" does not name a commit');
    expect(isEventlineError(caught(() => resolveRef(repo.dir, "--output=x")))).toBe(true);
  });

  it("rejects a directory that is not in a git repository", () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const error = caught(() => resolveRef(dir.dir, "HEAD"));
    expect(isEventlineError(error) && error.code).toBe("INPUT_INVALID");
  });
});
