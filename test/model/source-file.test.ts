import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../../src/model/limits.js";
import { parseSourceText, readSourceFile, type SourceFileResult } from "../../src/model/source-file.js";
import { billionLaughs } from "../fixtures/hostile.js";

const parse = (text: string, limits: Limits = DEFAULT_LIMITS, name = "doc.yaml"): SourceFileResult =>
  parseSourceText(`/project/${name}`, name, text, limits);

/** The single diagnostic of a failed read, as [ruleId, line, column]. */
function failure(result: SourceFileResult): [string, number | undefined, number | undefined] {
  expect(result.file).toBeUndefined();
  expect(result.diagnostics.length).toBeGreaterThan(0);
  const d = result.diagnostics[0]!;
  expect(d.severity).toBe("error");
  return [d.ruleId, d.line, d.column];
}

describe("parseSourceText", () => {
  it("parses YAML and keeps the text, a content hash and positions", () => {
    const text = "asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: '1'\n";
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    const file = result.file!;
    expect(file.value).toEqual({ asyncapi: "3.0.0", info: { title: "Orders", version: "1" } });
    expect(file.text).toBe(text);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.name).toBe("doc.yaml");
    expect(file.locate("/info/version")).toEqual({ line: 4, column: 3 });
  });

  it("the same text always has the same hash, different text a different one", () => {
    expect(parse("a: 1\n").file!.sha256).toBe(parse("a: 1\n").file!.sha256);
    expect(parse("a: 1\n").file!.sha256).not.toBe(parse("a: 2\n").file!.sha256);
  });

  it("reports a duplicate key as yaml-duplicate-key at the repeated key", () => {
    expect(failure(parse("asyncapi: 3.0.0\ninfo: {}\nchannels: {}\ninfo: {}\n"))).toEqual([
      "yaml-duplicate-key",
      4,
      1,
    ]);
  });

  it("reports a duplicate key in JSON input too, at its line and column", () => {
    expect(failure(parse('{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}\n', DEFAULT_LIMITS, "doc.json"))).toEqual([
      "yaml-duplicate-key",
      4,
      3,
    ]);
  });

  it.each([
    ["an unclosed flow sequence", "a: 1\nb: [1, 2\nc: 3\n", 3],
    ["a nested compact mapping", "x: 1\na: b: c\n", 2],
    ["a tab used as indentation", "a:\n\tb: 1\n", 2],
    ["an unterminated string", 'a: 1\nb: "abc\nc: 1\n', 4],
  ])("reports %s as yaml-syntax with its line", (_, text, line) => {
    const [ruleId, at] = failure(parse(text));
    expect(ruleId).toBe("yaml-syntax");
    expect(at).toBe(line);
  });

  it("names the YAML error code in the message", () => {
    expect(parse("a:\n\tb: 1\n").diagnostics[0]!.message).toContain("TAB_AS_INDENT");
  });

  it("refuses several YAML documents in one file", () => {
    expect(failure(parse("a: 1\n---\nb: 2\n"))[0]).toBe("yaml-syntax");
  });

  it.each([
    ["no bytes", ""],
    ["only whitespace", "  \n\n"],
    ["only a comment", "# nothing here\n"],
  ])("reports an empty file (%s) as document-empty", (_, text) => {
    expect(failure(parse(text))).toEqual(["document-empty", 1, 1]);
  });

  it("refuses nesting deeper than maxDepth", () => {
    const limits = { ...DEFAULT_LIMITS, maxDepth: 10 };
    const nested = (n: number) => `root: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    expect(parse(nested(9), limits).file).toBeDefined();
    expect(failure(parse(nested(12), limits))[0]).toBe("document-too-deep");
  });

  it("refuses deep block mappings the same way", () => {
    const text = `${Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} leaf\n`;
    expect(failure(parse(text))[0]).toBe("document-too-deep");
  });

  it("reports 10 000 nested flow sequences as document-too-deep, not as a crash", () => {
    const n = 10_000;
    const result = parse(`x: ${"[".repeat(n)}${"]".repeat(n)}\n`);
    expect(failure(result)[0]).toBe("document-too-deep");
    expect(result.diagnostics).toHaveLength(1);
  });

  it("allows aliases within the budget", () => {
    const result = parse("base: &b {type: string}\na: *b\nb: *b\n", { ...DEFAULT_LIMITS, maxAliasCount: 5 });
    expect(result.file?.value).toEqual({
      base: { type: "string" },
      a: { type: "string" },
      b: { type: "string" },
    });
  });

  it("refuses more alias expansions than maxAliasCount", () => {
    const text = `base: &b {type: string}\n${Array.from({ length: 6 }, (_, i) => `k${i}: *b`).join("\n")}\n`;
    expect(parse(text, { ...DEFAULT_LIMITS, maxAliasCount: 10 }).file).toBeDefined();
    const [ruleId] = failure(parse(text, { ...DEFAULT_LIMITS, maxAliasCount: 2 }));
    expect(ruleId).toBe("yaml-alias-limit");
  });

  it("stops a billion-laughs alias bomb quickly", () => {
    const [ruleId] = failure(parse(billionLaughs()));
    expect(ruleId).toBe("yaml-alias-limit");
  });

  it.each([
    ["flow", "a: &x {b: *x}\n"],
    ["block", "a: &x\n  b: *x\n"],
    ["through a sequence", "a: &x\n  - *x\n"],
  ])("refuses a recursive alias (%s)", (_, text) => {
    const [ruleId] = failure(parse(text));
    expect(ruleId).toBe("yaml-recursive-alias");
  });

  it("accepts JSON and locates its nodes", () => {
    const text =
      '{\n  "asyncapi": "3.0.0",\n  "channels": {\n    "a/b": {"messages": [1, {"c": 2}]}\n  }\n}\n';
    const file = parse(text, DEFAULT_LIMITS, "doc.json").file!;
    expect(file.value).toEqual({ asyncapi: "3.0.0", channels: { "a/b": { messages: [1, { c: 2 }] } } });
    expect(file.locate("")).toEqual({ line: 1, column: 1 });
    expect(file.locate("/asyncapi")).toEqual({ line: 2, column: 3 });
    expect(file.locate("/channels/a~1b")).toEqual({ line: 4, column: 5 });
    expect(file.locate("/channels/a~1b/messages/1/c")).toEqual({ line: 4, column: 30 });
  });
});

describe("readSourceFile", () => {
  let dir: string;
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "eventline-source-file-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a UTF-8 file under the budgets", () => {
    const result = readSourceFile(write("ok.yaml", "title: Überweisung ✓\n"), "ok.yaml", DEFAULT_LIMITS);
    expect(result.file?.value).toEqual({ title: "Überweisung ✓" });
  });

  it("drops a UTF-8 byte order mark", () => {
    const path = write("bom.yaml", "\uFEFFa: 1\n");
    expect(readSourceFile(path, "bom.yaml", DEFAULT_LIMITS).file?.value).toEqual({ a: 1 });
  });

  it("refuses bytes that are not UTF-8", () => {
    const path = write("latin1.yaml", Uint8Array.from([0x61, 0x3a, 0x20, 0xe9, 0x74, 0xe9, 0x0a]));
    const result = readSourceFile(path, "latin1.yaml", DEFAULT_LIMITS);
    expect(failure(result)).toEqual(["file-not-text", 1, 1]);
    expect(result.diagnostics[0]!.message).toContain("latin1.yaml");
  });

  it("refuses text with NUL bytes", () => {
    const path = write("nul.yaml", "asyncapi: 3.0.0\u0000\n");
    const result = readSourceFile(path, "nul.yaml", DEFAULT_LIMITS);
    expect(failure(result)[0]).toBe("file-not-text");
    expect(result.diagnostics[0]!.message).toMatch(/NUL/);
  });

  it("refuses binary garbage", () => {
    const path = write(
      "img.yaml",
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]),
    );
    expect(failure(readSourceFile(path, "img.yaml", DEFAULT_LIMITS))[0]).toBe("file-not-text");
  });

  it("refuses a file over maxFileBytes before reading it", () => {
    const path = write("big.yaml", `a: "${"x".repeat(2000)}"\n`);
    const result = readSourceFile(path, "big.yaml", { ...DEFAULT_LIMITS, maxFileBytes: 1024 });
    expect(failure(result)[0]).toBe("document-too-large");
    expect(result.diagnostics[0]!.message).toContain("1.0 KB");
  });

  it("reports a missing file and a directory as file-unreadable", () => {
    expect(failure(readSourceFile(join(dir, "nope.yaml"), "nope.yaml", DEFAULT_LIMITS))[0]).toBe(
      "file-unreadable",
    );
    mkdirSync(join(dir, "sub.yaml"));
    expect(failure(readSourceFile(join(dir, "sub.yaml"), "sub.yaml", DEFAULT_LIMITS))[0]).toBe(
      "file-unreadable",
    );
  });
});
