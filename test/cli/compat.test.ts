import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAjv } from "../../src/schema/ajv.js";
import { FIXTURES, git, repoWithChange, tempDir } from "../support/compat-git.js";
import { runCli, stackFrames, textDiagnostics } from "./run-cli.js";

const validateJson = createAjv("2020-12").compile(
  JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8")) as object,
);

interface JsonOut {
  compatible: boolean;
  mode: string;
  diagnostics: {
    ruleId: string;
    breaking: boolean;
    fingerprint: string;
    file?: string;
    line?: number;
    consumers?: { serviceId: string; operationId: string; breaks: boolean; reason?: string }[];
    witness?: unknown;
    acknowledged?: { expired: boolean };
  }[];
}

/** Runs compat with --format json and checks the output against the published schema. */
async function json(args: string[], cwd = FIXTURES): Promise<{ code: number; out: JsonOut }> {
  const r = await runCli(["compat", ...args, "--format", "json"], cwd);
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as JsonOut;
  expect(validateJson(out), JSON.stringify(validateJson.errors)).toBe(true);
  return { code: r.code, out };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const SCHEMA_V1 = "schemas/order.v1.json";

describe("eventline compat <old> <new>: JSON Schema files", () => {
  it("reports breaking changes compiler-style with file:line in the new schema and exits 1", async () => {
    const r = await runCli(["compat", SCHEMA_V1, "schemas/order.v2-breaking.json"], FIXTURES);
    expect(r.code).toBe(1);
    const lines = textDiagnostics(r.stdout);
    expect(lines.map((d) => d.ruleId).sort()).toEqual(["required-added", "type-narrowed", "type-narrowed"]);
    expect(lines.every((d) => d.file === "schemas/order.v2-breaking.json" && d.severity === "error")).toBe(
      true,
    );
    expect(lines.find((d) => d.line === 7)?.message).toContain("the reader accepts only a string");
    expect(r.stdout).toContain("  hint: ");
    expect(r.stdout).toContain("Not compatible (mode: backward): 3 breaking changes.");
  });

  it("exits 0 for a compatible change (annotations, widened type)", async () => {
    const { code, out } = await json([SCHEMA_V1, "schemas/order.v2-compatible.json"]);
    expect(code).toBe(0);
    expect(out).toMatchObject({ compatible: true, mode: "backward", diagnostics: [] });
  });

  it("uses the schema's x-eventline-compatibility, which --mode overrides", async () => {
    const own = await json([SCHEMA_V1, "schemas/order.v2-forward.yaml"]);
    expect([own.code, own.out.mode, own.out.compatible]).toEqual([0, "forward", true]);
    const backward = await json([SCHEMA_V1, "schemas/order.v2-forward.yaml", "--mode", "backward"]);
    expect([backward.code, backward.out.mode, backward.out.compatible]).toEqual([1, "backward", false]);
    expect(backward.out.diagnostics[0]?.line).toBe(10);
    // LENIENT: the old writer never emits `note`, so adding it to an open model is safe.
    const lenient = await json([
      SCHEMA_V1,
      "schemas/order.v2-forward.yaml",
      "--mode",
      "backward",
      "--lenient",
    ]);
    expect(lenient.code).toBe(0);
  });

  it("checks nothing in mode none and both directions in full", async () => {
    expect((await json([SCHEMA_V1, "schemas/order.v2-breaking.json", "--mode", "none"])).code).toBe(0);
    const full = await json([SCHEMA_V1, "schemas/order.v2-forward.yaml", "--mode", "full_transitive"]);
    expect(full.code).toBe(1);
  });

  it("accepts the confluent profile", async () => {
    const r = await json([SCHEMA_V1, "schemas/order.v2-breaking.json", "--profile", "confluent"]);
    expect(r.code).toBe(1);
  });
});

describe("eventline compat <old> <new>: AsyncAPI documents and catalogs", () => {
  it("compares two documents with lines in the new document", async () => {
    const r = await runCli(
      ["compat", "documents/orders.v1.yaml", "documents/orders.v2.yaml", "--root", "."],
      FIXTURES,
    );
    expect(r.code).toBe(1);
    const lines = textDiagnostics(r.stdout);
    expect(lines.map((d) => d.ruleId)).toEqual(["version-not-bumped", "payload-incompatible"]);
    // At the keyword that changed (the property whose type narrowed), not at `payload:`.
    expect(lines[1]).toMatchObject({ file: "documents/orders.v2.yaml", line: 44 });
  });

  it("exits 0 for a compatible document change", async () => {
    const r = await json(["documents/orders.v1.yaml", "documents/orders.v2-compatible.yaml", "--root", "."]);
    expect([r.code, r.out.compatible, r.out.mode]).toEqual([0, true, "default"]);
  });

  it("compares two directories and lists the consumers of each breaking change", async () => {
    const { code, out } = await json(["catalog/old", "catalog/new"]);
    expect(code).toBe(1);
    const payload = out.diagnostics.find((c) => c.ruleId === "payload-incompatible");
    expect(payload).toMatchObject({ breaking: true, file: "asyncapi/orders.yaml", line: 44 });
    expect(payload?.consumers).toEqual([
      {
        serviceId: "billing",
        operationId: "billing/receiveOrderCreated",
        breaks: true,
        reason: "its schema rejects messages the producers now send",
      },
    ]);
    const text = await runCli(["compat", "catalog/old", "catalog/new"], FIXTURES);
    expect(text.stdout).toMatch(
      /payload-incompatible .*\n {2}consumer billing\/receiveOrderCreated breaks: its schema rejects messages the producers now send\n/,
    );
    expect(text.stdout).toContain("Not compatible (mode: default): 1 breaking change.");
  });

  it("comparing a catalog with itself finds nothing", async () => {
    const r = await json(["catalog/old", "catalog/old"]);
    expect([r.code, r.out.diagnostics]).toEqual([0, []]);
  });

  it("prints markdown, SARIF 2.1.0 and GitHub annotations through the shared formatters", async () => {
    const md = await runCli(["compat", "catalog/old", "catalog/new", "--format", "markdown"], FIXTURES);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^\*\*Not compatible/);
    expect(md.stdout).toContain("## Eventline `compat`");
    expect(md.stdout).toContain("| Severity | Location | Rule | Message |");
    expect(md.stdout).toContain("consumer billing/receiveOrderCreated breaks");
    const sarif = await runCli(["compat", "catalog/old", "catalog/new", "--format", "sarif"], FIXTURES);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.length).toBe(2);
    const gh = await runCli(["compat", "catalog/old", "catalog/new", "--format", "github"], FIXTURES);
    expect(gh.stdout.split("\n").filter((l) => l.startsWith("::error ")).length).toBe(2);
    expect(gh.stdout).toContain("file=asyncapi/orders.yaml,line=44");
  });
});

describe("eventline compat --against <git-ref>", () => {
  it("compares the working tree with the catalog at the ref", async () => {
    const repo = repoWithChange();
    cleanups.push(repo.remove);
    const { code, out } = await json(["--against", "HEAD"], repo.dir);
    expect(code).toBe(1);
    expect(out.diagnostics.map((c) => c.ruleId)).toEqual(["version-not-bumped", "payload-incompatible"]);
    expect(out.diagnostics[1]).toMatchObject({ file: "asyncapi/orders.yaml", line: 44 });
    expect(git(repo.dir, "status", "--porcelain")).toContain(" M asyncapi/orders.yaml");
  });

  it("is compatible with itself and works in a shallow clone", async () => {
    const repo = repoWithChange();
    cleanups.push(repo.remove);
    const clone = tempDir();
    cleanups.push(clone.remove);
    git(repo.dir, "add", "-A");
    git(repo.dir, "commit", "-q", "-m", "v2");
    execFileSync("git", ["clone", "-q", "--depth=1", `file://${repo.dir}`, join(clone.dir, "c")]);
    const shallow = join(clone.dir, "c");
    expect(git(shallow, "rev-parse", "--is-shallow-repository").trim()).toBe("true");
    expect((await json(["--against", "HEAD"], shallow)).code).toBe(0);
    expect((await runCli(["compat", "--against", "HEAD~1"], shallow)).code).toBe(2);
  });

  it("reads the root from --root", async () => {
    const repo = repoWithChange();
    cleanups.push(repo.remove);
    expect((await json(["--against", "HEAD", "--root", repo.dir], FIXTURES)).code).toBe(1);
  });

  it("honours acknowledgements in .eventline/acknowledged.yaml, until they expire", async () => {
    const repo = repoWithChange();
    cleanups.push(repo.remove);
    const { out } = await json(["--against", "HEAD"], repo.dir);
    mkdirSync(join(repo.dir, ".eventline"), { recursive: true });
    const ackFile = join(repo.dir, ".eventline/acknowledged.yaml");
    const write = (expires: string) =>
      writeFileSync(
        ackFile,
        out.diagnostics
          .map(
            (c) =>
              `- fingerprint: "${c.fingerprint}"\n  reason: billing ignores total\n  expires: ${expires}\n`,
          )
          .join(""),
      );
    write("2999-12-31");
    const acked = await json(["--against", "HEAD"], repo.dir);
    expect([acked.code, acked.out.compatible]).toEqual([0, true]);
    expect(acked.out.diagnostics.every((c) => c.acknowledged?.expired === false)).toBe(true);
    const text = await runCli(["compat", "--against", "HEAD"], repo.dir);
    expect(text.stdout).toContain("acknowledged until 2999-12-31: billing ignores total");
    expect(text.stdout).toContain("Compatible (mode: default) (1 acknowledged).");
    write("2000-01-01");
    const expired = await json(["--against", "HEAD"], repo.dir);
    expect([expired.code, expired.out.compatible]).toEqual([1, false]);
    writeFileSync(ackFile, "- fingerprint: nope\n");
    const malformed = await runCli(["compat", "--against", "HEAD"], repo.dir);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/\.eventline\/acknowledged\.yaml:1:\d+: `fingerprint` must be/);
  });
});

describe("eventline compat --acknowledged <file>", () => {
  it("acknowledges, expires and rejects malformed files", async () => {
    const { out } = await json([SCHEMA_V1, "schemas/order.v2-breaking.json"]);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.dir, "acks.yaml");
    const entries = (expires?: string) =>
      out.diagnostics
        .map(
          (c) => `- fingerprint: ${c.fingerprint}\n  reason: ok${expires ? `\n  expires: ${expires}` : ""}\n`,
        )
        .join("");
    writeFileSync(file, entries());
    const args = [SCHEMA_V1, "schemas/order.v2-breaking.json", "--acknowledged", file];
    expect((await json(args)).code).toBe(0);
    writeFileSync(file, entries("2001-02-03"));
    expect((await json(args)).code).toBe(1);
    const malformed = await runCli(["compat", ...args.slice(0, 3), "acks/malformed.yaml"], FIXTURES);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("acks/malformed.yaml:3:");
    const missing = await runCli(["compat", ...args.slice(0, 3), "acks/none.yaml"], FIXTURES);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("acknowledgements file acks/none.yaml does not exist");
  });
});

describe("eventline compat: bad input exits 2 with a clear message", () => {
  it.each([
    ["a missing file", ["schemas/nope.json", SCHEMA_V1], "schemas/nope.json does not exist"],
    ["one path", [SCHEMA_V1], "expected two paths"],
    ["paths and --against", [SCHEMA_V1, SCHEMA_V1, "--against", "HEAD"], "either <old> <new> or --against"],
    ["different kinds", ["catalog/old", SCHEMA_V1], "cannot compare catalog/old (catalog)"],
    ["a YAML syntax error", ["bad/broken.yaml", SCHEMA_V1], "bad/broken.yaml:2:1:"],
    ["a JSON syntax error", ["bad/broken.json", SCHEMA_V1], "bad/broken.json:4:1:"],
    ["not YAML or JSON", ["bad/readme.txt", SCHEMA_V1], "is neither a directory nor a .yaml"],
    [
      "an invalid document",
      ["bad/invalid-document.yaml", "documents/orders.v1.yaml", "--root", "."],
      "bad/invalid-document.yaml:",
    ],
    [
      "an old schema ajv refuses (required is not an array)",
      ["bad/invalid-required.json", SCHEMA_V1],
      "bad/invalid-required.json:4:3: not a valid JSON Schema: /required must be array",
    ],
    [
      "a new schema ajv refuses ($ref is not a string)",
      [SCHEMA_V1, "bad/invalid-ref.yaml"],
      "bad/invalid-ref.yaml:6:5: not a valid JSON Schema: /properties/total/$ref must be string",
    ],
    [
      "a schema whose pattern ajv cannot compile",
      [SCHEMA_V1, "bad/invalid-pattern.json"],
      "bad/invalid-pattern.json:4:36: not a valid JSON Schema: /properties/orderId/pattern",
    ],
    [
      "a document whose payload pattern ajv cannot compile",
      ["documents/orders.v1.yaml", "bad/invalid-pattern-document.yaml", "--root", "."],
      "bad/invalid-pattern-document.yaml:38:7: not a valid JSON Schema: /components/messages/OrderCreated/payload/properties/orderId/pattern",
    ],
    ["an unknown mode", [SCHEMA_V1, SCHEMA_V1, "--mode", "sideways"], "argument 'sideways' is invalid"],
    ["an unknown format", [SCHEMA_V1, SCHEMA_V1, "--format", "xml"], "argument 'xml' is invalid"],
    ["an unknown --fail-on", [SCHEMA_V1, SCHEMA_V1, "--fail-on", "fatal"], "argument 'fatal' is invalid"],
    ["a bad git ref", ["--against", "no-such-ref"], 'git ref "no-such-ref" does not name a commit'],
  ])("%s", async (_name, args, message) => {
    const cwd = FIXTURES;
    let dir = cwd;
    if (args.includes("no-such-ref")) {
      const repo = repoWithChange();
      cleanups.push(repo.remove);
      dir = repo.dir;
    }
    const r = await runCli(["compat", ...args], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(stackFrames(r.stderr)).toEqual([]);
    expect(r.stdout).toBe("");
  });

  it("--against outside a git repository", async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    mkdirSync(join(dir.dir, "asyncapi"));
    writeFileSync(join(dir.dir, "asyncapi/a.yaml"), readFileSync(join(FIXTURES, "documents/orders.v1.yaml")));
    const r = await runCli(["compat", "--against", "HEAD"], dir.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not inside one");
  });
});
