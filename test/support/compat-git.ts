import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../fixtures/compat-cli/", import.meta.url));

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  }).toString();
}

export function tempDir(prefix = "eventline-compat-test-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A repository whose HEAD holds `catalog/old` (plus a schemas/ file and a package.json that must be
 * skipped) and whose working tree holds `catalog/new`.
 */
export function repoWithChange(): { dir: string; remove: () => void } {
  const repo = tempDir();
  git(repo.dir, "init", "-q", "-b", "main");
  cpSync(join(FIXTURES, "catalog/old"), repo.dir, { recursive: true });
  git(repo.dir, "add", "-A");
  git(repo.dir, "commit", "-q", "-m", "v1");
  cpSync(join(FIXTURES, "catalog/new"), repo.dir, { recursive: true });
  return repo;
}
