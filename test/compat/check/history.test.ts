import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCompat } from "../../../src/compat/check/check.js";
import { isEventlineError } from "../../../src/errors.js";
import { catalogHistory } from "../../../src/model/git-history.js";
import { createAjv } from "../../../src/schema/ajv.js";
import { runCli, stackFrames } from "../../cli/run-cli.js";
import { git, tempDir } from "../../support/compat-git.js";

const validateJson = createAjv("2020-12").compile(
  JSON.parse(readFileSync(new URL("../../../schemas/report.schema.json", import.meta.url), "utf8")) as object,
);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** An AsyncAPI 3.0 document whose OrderCreated payload has the given `orderId` and `total` schemas. */
function orders(orderId: string, total: string): string {
  return `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events
    messages:
      OrderCreated:
        $ref: '#/components/messages/OrderCreated'
operations:
  publishOrderEvents:
    action: send
    channel:
      $ref: '#/channels/orderEvents'
    messages:
      - $ref: '#/channels/orderEvents/messages/OrderCreated'
components:
  messages:
    OrderCreated:
      name: OrderCreated
      payload:
        type: object
        required: [orderId]
        properties:
          orderId: ${orderId}
          total: ${total}
`;
}

const VERSIONS = [
  // c1
  orders("{ type: string, maxLength: 36 }", "{ type: number }"),
  // c2: total narrowed to integer — breaks c1's writers, merged anyway
  orders("{ type: string, maxLength: 36 }", "{ type: integer }"),
  // c3: orderId widened — compatible with c2, still not with c1
  orders("{ type: string, maxLength: 64 }", "{ type: integer }"),
];

interface Repo {
  dir: string;
  /** Short shas of the three catalog commits, oldest first. */
  commits: string[];
}

/** c1, c2, a commit that touches no catalog file, c3; tags v1.0.0 (annotated) on c1 and v1.1.0 on c3. */
function historyRepo(): Repo {
  const repo = tempDir();
  cleanups.push(repo.remove);
  git(repo.dir, "init", "-q", "-b", "main");
  mkdirSync(join(repo.dir, "asyncapi"));
  const commits: string[] = [];
  VERSIONS.forEach((text, i) => {
    if (i === 2) {
      writeFileSync(join(repo.dir, "README.md"), "docs only\n");
      git(repo.dir, "add", "README.md");
      git(repo.dir, "commit", "-q", "-m", "docs");
    }
    writeFileSync(join(repo.dir, "asyncapi/orders.yaml"), text);
    git(repo.dir, "add", "-A");
    git(repo.dir, "commit", "-q", "-m", `c${i + 1}`);
    commits.push(git(repo.dir, "rev-parse", "--short", "HEAD").trim());
  });
  git(repo.dir, "tag", "-a", "v1.0.0", "-m", "first release", commits[0] as string);
  git(repo.dir, "tag", "v1.1.0", commits[2] as string);
  return { dir: repo.dir, commits };
}

interface JsonOut {
  compatible: boolean;
  versions?: string[];
  skippedVersions?: number;
  diagnostics: { ruleId: string; breaking: boolean; against?: string; alsoAgainst?: string[] }[];
}

async function json(args: string[], cwd: string): Promise<{ code: number; out: JsonOut }> {
  const r = await runCli(["compat", ...args, "--format", "json"], cwd);
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as JsonOut;
  expect(validateJson(out), JSON.stringify(validateJson.errors)).toBe(true);
  return { code: r.code, out };
}

describe("catalogHistory", () => {
  it("lists the ref, then the commits that touched the catalog up to HEAD, oldest first", () => {
    const { dir, commits } = historyRepo();
    expect(catalogHistory(dir, "HEAD~3")).toEqual({
      versions: commits.map((label) => ({ commit: expect.stringMatching(/^[0-9a-f]{40}$/), label })),
      skipped: 0,
    });
    // The docs-only commit is no version; the ref itself is one even when HEAD is the ref.
    expect(catalogHistory(dir, "HEAD").versions.map((v) => v.label)).toEqual([commits[2]]);
  });

  it("keeps the ref and the newest versions under --max-versions", () => {
    const { dir, commits } = historyRepo();
    expect(catalogHistory(dir, "HEAD~3", { maxVersions: 2 })).toMatchObject({
      versions: [{ label: commits[0] }, { label: commits[2] }],
      skipped: 1,
    });
    expect(catalogHistory(dir, "HEAD~3", { maxVersions: 1 })).toMatchObject({
      versions: [{ label: commits[0] }],
      skipped: 2,
    });
  });

  it("lists tags with --history tags, lightweight and annotated, named by tag", () => {
    const { dir } = historyRepo();
    expect(catalogHistory(dir, "v1.0.0", { history: "tags" }).versions.map((v) => v.label)).toEqual([
      "v1.0.0",
      "v1.1.0",
    ]);
    expect(catalogHistory(dir, "v1.1.0", { history: "tags" }).versions.map((v) => v.label)).toEqual([
      "v1.1.0",
    ]);
  });
});

// Each run loads the working tree and one snapshot per version through the parser workers.
describe("eventline compat --against <ref> --transitive", { timeout: 180_000 }, () => {
  it("finds what the previous version hides: compatible with c2, not with c1", async () => {
    const { dir, commits } = historyRepo();
    // Non-transitive: the working tree (c3) against the previous catalog version (c2) passes.
    const previous = await json(["--against", "HEAD~1"], dir);
    expect(previous).toMatchObject({ code: 0, out: { compatible: true, diagnostics: [] } });

    const transitive = await json(["--against", "HEAD~3", "--transitive"], dir);
    expect(transitive.code).toBe(1);
    expect(transitive.out.compatible).toBe(false);
    expect(transitive.out.versions).toEqual(commits);
    const payload = transitive.out.diagnostics.find((c) => c.ruleId === "payload-incompatible");
    expect(payload).toMatchObject({ breaking: true, against: commits[0] });
    // Found against c1 only: c2 and c3 read what the working tree writes.
    expect(
      transitive.out.diagnostics.every((c) => c.against === commits[0] && c.alsoAgainst === undefined),
    ).toBe(true);
    // Without --transitive the same ref fails too, but names no version.
    expect(
      (await json(["--against", "HEAD~3"], dir)).out.diagnostics.every((c) => c.against === undefined),
    ).toBe(true);
  });

  it("names the versions in text output and merges a change found against several", async () => {
    const { dir, commits } = historyRepo();
    // A break against every version: the total becomes a string in the working tree.
    writeFileSync(
      join(dir, "asyncapi/orders.yaml"),
      orders("{ type: string, maxLength: 64 }", "{ type: string }"),
    );
    const result = await runCompat({ paths: [], cwd: dir, against: "HEAD~3", transitive: true });
    const payload = result.changes.filter((c) => c.ruleId === "payload-incompatible");
    expect(payload).toHaveLength(1);
    expect(payload[0]).toMatchObject({ against: commits[0], alsoAgainst: [commits[1], commits[2]] });

    const text = await runCli(["compat", "--against", "HEAD~3", "--transitive"], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`against: ${commits.join(", ")}`);
    expect(text.stdout).toContain(`Checked against 3 earlier versions: ${commits.join(", ")}.`);
  });

  it("walks tags with --history tags and caps with --max-versions", async () => {
    const { dir, commits } = historyRepo();
    const tags = await json(["--against", "v1.0.0", "--transitive", "--history", "tags"], dir);
    expect(tags.out.versions).toEqual(["v1.0.0", "v1.1.0"]);
    expect(tags.out.diagnostics.find((c) => c.ruleId === "payload-incompatible")?.against).toBe("v1.0.0");

    const capped = await json(["--against", "HEAD~3", "--transitive", "--max-versions", "2"], dir);
    expect(capped.out).toMatchObject({ versions: [commits[0], commits[2]], skippedVersions: 1 });
    const text = await runCli(["compat", "--against", "HEAD~3", "--transitive", "--max-versions", "2"], dir);
    expect(text.stdout).toContain("(1 older version left out by --max-versions)");
  });
});

describe("eventline compat --transitive: bad input exits 2 with a clear message", () => {
  async function fails(args: string[], cwd: string, message: string): Promise<void> {
    const r = await runCli(["compat", ...args], cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(stackFrames(r.stderr)).toEqual([]);
  }

  it("a ref that names no commit", async () => {
    const { dir } = historyRepo();
    await fails(
      ["--against", "no-such-tag", "--transitive"],
      dir,
      'git ref "no-such-tag" does not name a commit',
    );
  });

  it("a directory outside any git repository", async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    mkdirSync(join(dir.dir, "asyncapi"));
    writeFileSync(join(dir.dir, "asyncapi/orders.yaml"), VERSIONS[0] as string);
    await fails(["--against", "HEAD", "--transitive"], dir.dir, "needs a git repository");
  });

  it("a shallow clone that lacks the history (the ref alone fetched still works without --transitive)", async () => {
    const { dir } = historyRepo();
    const clone = tempDir();
    cleanups.push(clone.remove);
    const shallow = join(clone.dir, "c");
    execFileSync("git", ["clone", "-q", "--depth=1", `file://${dir}`, shallow]);
    git(shallow, "fetch", "-q", "--depth=1", "origin", "refs/tags/v1.0.0:refs/tags/v1.0.0");
    expect(git(shallow, "rev-parse", "--is-shallow-repository").trim()).toBe("true");
    await fails(["--against", "v1.0.0", "--transitive"], shallow, "this clone is shallow");
    expect((await json(["--against", "v1.0.0"], shallow)).code).toBe(1);
    const error = (() => {
      try {
        catalogHistory(shallow, "v1.0.0");
      } catch (e) {
        return e;
      }
    })();
    expect(isEventlineError(error) && error.hint).toContain("git fetch --unshallow");
  });

  it("an earlier version that does not load names that version", async () => {
    const { dir } = historyRepo();
    writeFileSync(join(dir, "asyncapi/orders.yaml"), "asyncapi: 3.0.0\ninfo: 5\n");
    git(dir, "commit", "-q", "-am", "broken");
    const broken = git(dir, "rev-parse", "--short", "HEAD").trim();
    writeFileSync(join(dir, "asyncapi/orders.yaml"), VERSIONS[2] as string);
    git(dir, "commit", "-q", "-am", "fixed");
    await fails(["--against", "HEAD~1", "--transitive"], dir, `version ${broken}: asyncapi/orders.yaml`);
  });

  it("a HEAD that names no commit yet (an orphan branch)", async () => {
    const { dir } = historyRepo();
    git(dir, "checkout", "-q", "--orphan", "fresh");
    await fails(["--against", "main", "--transitive"], dir, "HEAD names none");
  });

  it("options that need --transitive or --against, and a bad --max-versions", async () => {
    const { dir } = historyRepo();
    await fails(["--transitive"], dir, "--transitive needs --against");
    await fails(["--against", "HEAD", "--history", "tags"], dir, "apply with --transitive only");
    await fails(["--against", "HEAD", "--max-versions", "3"], dir, "apply with --transitive only");
    await fails(
      ["--against", "HEAD", "--transitive", "--max-versions", "0"],
      dir,
      "--max-versions must be a positive integer",
    );
    await fails(
      ["--against", "HEAD", "--transitive", "--max-versions", "two"],
      dir,
      "--max-versions must be a positive integer",
    );
    const r = await runCli(["compat", "--against", "HEAD", "--transitive", "--history", "branches"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--history");
  });
});
