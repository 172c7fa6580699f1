import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import {
  createFileReader,
  displayName,
  type FileReader,
  type RefPolicy,
  scanRefs,
} from "../../src/model/scan-refs.js";

const HEAD = "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes `files` under `<tmp>/project` (so `../` can reach a sibling outside the root). */
function project(files: Record<string, string>): string {
  const base = mkdtempSync(join(tmpdir(), "eventline-scan-refs-"));
  dirs.push(base);
  const root = join(base, "project");
  for (const [name, text] of Object.entries(files)) {
    const path = join(base, name.startsWith("../") ? name.slice(3) : join("project", name));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

/** A reader that counts how often each file is asked for. */
function countingReader(root: string): { read: FileReader; calls: Map<string, number> } {
  const inner = createFileReader(root, DEFAULT_LIMITS);
  const calls = new Map<string, number>();
  return {
    calls,
    read: (path) => {
      calls.set(displayName(root, path), (calls.get(displayName(root, path)) ?? 0) + 1);
      return inner(path);
    },
  };
}

function scan(
  root: string,
  doc: string,
  policy: Partial<RefPolicy> = {},
  read = createFileReader(root, DEFAULT_LIMITS),
) {
  const document = read(join(root, doc)).file;
  if (!document) throw new Error(`fixture ${doc} did not parse`);
  return scanRefs(
    document,
    { root, allowRemoteRefs: false, allowOutsideRoot: false, limits: DEFAULT_LIMITS, ...policy },
    read,
  );
}

const summary = (result: ReturnType<typeof scan>) =>
  result.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.pointer}`);

describe("scanRefs", () => {
  it("passes a document without refs", () => {
    const root = project({ "a.yaml": `${HEAD}channels: {}\n` });
    const result = scan(root, "a.yaml");
    expect(result).toMatchObject({ blocked: false, diagnostics: [] });
    expect([...result.files.keys()]).toEqual([join(root, "a.yaml")]);
  });

  it("collects local and file refs, transitively", () => {
    const root = project({
      "a.yaml": `${HEAD}channels:\n  c:\n    $ref: 'common/channels.yaml#/c'\n`,
      "common/channels.yaml":
        "c:\n  address: x\n  messages:\n    m:\n      payload:\n        $ref: '../schemas/m.json'\n",
      "schemas/m.json": '{"type": "object"}\n',
    });
    const result = scan(root, "a.yaml");
    expect(result.diagnostics).toEqual([]);
    expect(result.blocked).toBe(false);
    expect([...result.files.values()].map((f) => f.name).sort()).toEqual([
      "a.yaml",
      "common/channels.yaml",
      "schemas/m.json",
    ]);
  });

  it("refuses a remote ref with the line of the $ref itself", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: 'https://example.com/a.json'\n`,
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(summary(result)).toEqual(["ref-remote-refused a.yaml:6:7 /components/schemas/A"]);
    expect(result.diagnostics[0]!.message).toContain("https://example.com/a.json");
    expect(result.diagnostics[0]!.hint).toContain("allowRemoteRefs");
  });

  it("lets a remote ref through with allowRemoteRefs (the parser resolves it)", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: 'https://example.com/a.json'\n`,
    });
    const result = scan(root, "a.yaml", { allowRemoteRefs: true });
    expect(result).toMatchObject({ blocked: false, diagnostics: [] });
  });

  it("refuses a ref outside the root, also from inside a referenced file", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: '../outside.yaml'\n    B:\n      $ref: 'inner.yaml'\n`,
      "inner.yaml": "type: object\nproperties:\n  x:\n    $ref: '../../outside.yaml'\n",
      "../outside.yaml": "type: string\n",
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(summary(result)).toEqual([
      "ref-outside-root a.yaml:6:7 /components/schemas/A",
      "ref-outside-root inner.yaml:4:5 /properties/x",
    ]);
  });

  it("reads a file outside the root with allowOutsideRoot", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: '../outside.yaml'\n`,
      "../outside.yaml": "type: string\n",
    });
    const result = scan(root, "a.yaml", { allowOutsideRoot: true });
    expect(result).toMatchObject({ blocked: false, diagnostics: [] });
    expect([...result.files.values()].map((f) => f.name)).toContain("../outside.yaml");
  });

  it("follows a ref into the file that holds it even when that file's real path is outside the root", () => {
    const root = project({
      "../real/a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      type: string\n`,
    });
    symlinkSync(join(root, "../real/a.yaml"), join(root, "a.yaml"));
    const result = scan(root, "a.yaml");
    expect(result).toMatchObject({ blocked: false, diagnostics: [] });
  });

  it("names the document's folder when the boundary is a document named outside the project", () => {
    const root = project({
      "../elsewhere/a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: '../outside.yaml'\n    B:\n      $ref: '#/components/schemas/C'\n    C:\n      $ref: 'c.yaml'\n`,
      "../elsewhere/c.yaml": "type: string\n",
      "../outside.yaml": "type: string\n",
    });
    const read = createFileReader(root, DEFAULT_LIMITS);
    const document = read(join(root, "../elsewhere/a.yaml")).file!;
    const result = scanRefs(
      document,
      {
        root: join(root, "../elsewhere"),
        namedOutside: document.name,
        allowRemoteRefs: false,
        allowOutsideRoot: false,
        limits: DEFAULT_LIMITS,
      },
      read,
    );
    expect(summary(result)).toEqual(["ref-outside-root ../elsewhere/a.yaml:6:7 /components/schemas/A"]);
    expect(result.diagnostics[0]!.message).toContain("outside the folder of ../elsewhere/a.yaml");
    expect(result.diagnostics[0]!.hint).toContain("--root");
  });

  it("reports a missing file", () => {
    const root = project({ "a.yaml": `${HEAD}channels:\n  c:\n    $ref: './missing.yaml#/c'\n` });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(summary(result)).toEqual(["ref-missing-file a.yaml:5:5 /channels/c"]);
    expect(result.diagnostics[0]!.message).toContain("missing.yaml does not exist");
  });

  it("reports a pointer that names nothing, locally and in another file", () => {
    const root = project({
      "a.yaml": `${HEAD}channels:\n  c:\n    $ref: '#/components/channels/nope'\n  d:\n    $ref: 'b.yaml#/nope'\n`,
      "b.yaml": "yes: {}\n",
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(summary(result)).toEqual([
      "ref-missing-target a.yaml:5:5 /channels/c",
      "ref-missing-target a.yaml:7:5 /channels/d",
    ]);
    expect(result.diagnostics[1]!.message).toContain("/nope does not exist in b.yaml");
  });

  it("reports a cycle of refs that never reaches a value", () => {
    const root = project({
      "a.yaml": `${HEAD}channels: {a: {$ref: '#/channels/b'}, b: {$ref: '#/channels/a'}}\n`,
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(result.diagnostics.map((d) => [d.ruleId, d.pointer, d.line])).toEqual([
      ["ref-cycle", "/channels/a", 3],
      ["ref-cycle", "/channels/b", 3],
    ]);
  });

  it("reports a cycle across files", () => {
    const root = project({
      "a.yaml": `${HEAD}channels:\n  a:\n    $ref: 'b.yaml#/x'\n`,
      "b.yaml": "x:\n  $ref: 'a.yaml#/channels/a'\n",
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toEqual([
      "ref-cycle a.yaml",
      "ref-cycle b.yaml",
    ]);
  });

  it("accepts a recursive schema (a ref to an object that refers back to itself)", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next:\n          $ref: '#/components/schemas/Node'\n`,
    });
    expect(scan(root, "a.yaml")).toMatchObject({ blocked: false, diagnostics: [] });
  });

  it("refuses refs the parser cannot resolve safely", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A: {$ref: 'ftp://example.com/a'}\n    B: {$ref: '#Foo'}\n`,
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["ref-unsupported", "ref-unsupported"]);
  });

  it("passes on the diagnostics of a referenced file that does not parse", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A:\n      $ref: 'bad.yaml'\n`,
      "bad.yaml": "type: object\ntype: string\n",
    });
    const result = scan(root, "a.yaml");
    expect(result.blocked).toBe(true);
    expect(summary(result)).toEqual(["yaml-duplicate-key bad.yaml:2:1 "]);
  });

  it("reads a file shared by several refs (and several documents) once", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A: {$ref: 'shared.json#/definitions/A'}\n    B: {$ref: 'shared.json#/definitions/B'}\n    C: {$ref: 'other.yaml'}\n`,
      "b.yaml": `${HEAD}components:\n  schemas:\n    A: {$ref: 'shared.json#/definitions/A'}\n`,
      "other.yaml":
        "allOf:\n  - $ref: 'shared.json#/definitions/A'\n  - $ref: './shared.json#/definitions/B'\n",
      "shared.json": '{"definitions": {"A": {"type": "string"}, "B": {"type": "integer"}}}\n',
    });
    const { read, calls } = countingReader(root);
    const first = scan(root, "a.yaml", {}, read);
    expect(first.diagnostics).toEqual([]);
    expect(calls.get("shared.json")).toBe(1);
    expect(calls.get("other.yaml")).toBe(1);
    const second = scan(root, "b.yaml", {}, read);
    expect(second.diagnostics).toEqual([]);
    // The second document gets the very same parsed file from the reader's memo.
    const sharedPath = join(root, "shared.json");
    expect(second.files.get(sharedPath)).toBe(first.files.get(sharedPath));
  });

  it("stops at maxRefFiles", () => {
    const root = project({
      "a.yaml": `${HEAD}components:\n  schemas:\n    A: {$ref: 'a1.json'}\n    B: {$ref: 'a2.json'}\n    C: {$ref: 'a3.json'}\n`,
      "a1.json": "{}",
      "a2.json": "{}",
      "a3.json": "{}",
    });
    const result = scan(root, "a.yaml", { limits: { ...DEFAULT_LIMITS, maxRefFiles: 2 } });
    expect(result.blocked).toBe(true);
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["ref-limit"]);
  });
});

describe("displayName", () => {
  it("is relative to the root and /-separated", () => {
    expect(displayName("/p", "/p/asyncapi/a.yaml")).toBe("asyncapi/a.yaml");
    expect(displayName("/p", "/p")).toBe(".");
    expect(displayName("/p", "/outside/a.yaml")).toBe("../outside/a.yaml");
  });
});
