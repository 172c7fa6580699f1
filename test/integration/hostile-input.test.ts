import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LINT_RULE_IDS } from "../../src/lint/index.js";
import { type CliRun, runCli, stackFrames, textDiagnostics } from "../cli/run-cli.js";
import { billionLaughs, hugeDocument, nestedSequences } from "../fixtures/hostile.js";

// Count the documents that reach the AsyncAPI parser (and so its resolver, which would fetch URLs).
const parsed = vi.hoisted(() => [] as string[]);
vi.mock("../../src/model/parser-pool.js", async (importOriginal) => {
  const { countingPool } = await import("../model/counting-pool.js");
  return countingPool(await importOriginal(), parsed);
});

const MAX_MS = 15_000;
const MAX_RSS_DELTA = 1024 * 1024 * 1024;
const HEAD = "asyncapi: 3.0.0\ninfo:\n  title: Hostile\n  version: '1'\n";

interface HostileCase {
  name: string;
  /** Files to write; the first is the one passed to `eventline validate`. */
  files: Record<string, string | Uint8Array | (() => string)>;
  /** Exit codes allowed. */
  exit: number[];
  /** Rule ids that must be reported as errors (in the named file), or an EventlineError text for exit 2. */
  expect: { ruleIds?: string[]; stderr?: string; line?: number; parsed?: boolean };
  /** Override the path argument. */
  arg?: string;
}

const CASES: HostileCase[] = [
  {
    name: "malformed YAML",
    files: { "doc.yaml": `${HEAD}channels:\n  a: [1, 2\n  b: {x: 1}\n` },
    exit: [1],
    expect: { ruleIds: ["yaml-syntax"], line: 7, parsed: false },
  },
  {
    name: "duplicate keys",
    files: { "doc.yaml": `${HEAD}channels: {}\ninfo:\n  title: Again\n` },
    exit: [1],
    expect: { ruleIds: ["yaml-duplicate-key"], line: 6, parsed: false },
  },
  {
    name: "empty file",
    files: { "doc.yaml": "" },
    exit: [1],
    expect: { ruleIds: ["document-empty"], line: 1, parsed: false },
  },
  {
    name: "binary garbage",
    files: { "doc.yaml": Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256) },
    exit: [1],
    expect: { ruleIds: ["file-not-text"], line: 1, parsed: false },
  },
  {
    name: "OpenAPI file",
    files: {
      "doc.yaml": "openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get: {}\n",
    },
    exit: [1],
    expect: { ruleIds: ["not-asyncapi"], line: 1, parsed: false },
  },
  {
    name: "wrong types everywhere",
    files: { "doc.yaml": 'asyncapi: 3.0.0\ninfo: 5\nchannels: []\noperations: "x"\ncomponents: 7\n' },
    exit: [1],
    expect: { ruleIds: ["asyncapi-document-resolved"], line: 2, parsed: true },
  },
  {
    name: "wrong asyncapi version type",
    files: { "doc.yaml": "asyncapi: 3\ninfo: {title: T, version: '1'}\n" },
    exit: [1],
    expect: { ruleIds: ["asyncapi-version-unsupported"], line: 1, parsed: false },
  },
  {
    name: "missing local $ref",
    files: { "doc.yaml": `${HEAD}channels:\n  orders:\n    $ref: './channels/orders.yaml'\n` },
    exit: [1],
    expect: { ruleIds: ["ref-missing-file"], line: 7, parsed: false },
  },
  {
    name: "remote $ref",
    files: {
      "doc.yaml": `${HEAD}components:\n  schemas:\n    Order:\n      $ref: 'https://schemas.eventline-test.invalid/order.json'\n`,
    },
    exit: [1],
    // Refused before the parser (whose resolver would fetch it) ever sees the document.
    expect: { ruleIds: ["ref-remote-refused"], line: 8, parsed: false },
  },
  {
    name: "$ref escaping the root",
    files: {
      "doc.yaml": `${HEAD}components:\n  schemas:\n    Secrets:\n      $ref: '../../../../../../etc/passwd'\n`,
    },
    exit: [1],
    expect: { ruleIds: ["ref-outside-root"], line: 8, parsed: false },
  },
  {
    name: "$ref cycle between channels",
    files: { "doc.yaml": `${HEAD}channels: {a: {$ref: '#/channels/b'}, b: {$ref: '#/channels/a'}}\n` },
    exit: [1],
    expect: { ruleIds: ["ref-cycle"], line: 5, parsed: false },
  },
  {
    name: "YAML alias bomb (9 x 9)",
    files: { "doc.yaml": () => `${HEAD}${billionLaughs()}` },
    exit: [1],
    expect: { ruleIds: ["yaml-alias-limit"], line: 1, parsed: false },
  },
  {
    name: "10 MB document",
    files: { "doc.yaml": () => hugeDocument(10 * 1024 * 1024) },
    exit: [1],
    expect: { ruleIds: ["document-too-large"], line: 1, parsed: false },
  },
  {
    // Under maxFileBytes, so it does reach the parser: big but legitimate input stays bounded too.
    name: "2 MB document (parsed)",
    files: { "doc.yaml": () => hugeDocument(2 * 1024 * 1024) },
    exit: [0, 1],
    expect: { parsed: true },
  },
  {
    name: "10 000 nested sequences",
    files: { "doc.yaml": () => nestedSequences(10_000) },
    exit: [1],
    expect: { ruleIds: ["document-too-deep"], line: 1, parsed: false },
  },
  {
    name: "recursive YAML alias",
    files: { "doc.yaml": `${HEAD}x-tree: &t {children: [*t]}\n` },
    exit: [1],
    expect: { ruleIds: ["yaml-recursive-alias"], line: 1, parsed: false },
  },
  {
    name: "valid circular schema",
    files: {
      "doc.yaml": `${HEAD}channels:
  nodes:
    address: tree.nodes
    messages:
      Node:
        payload:
          $ref: '#/components/schemas/Node'
operations:
  sendNode:
    action: send
    channel:
      $ref: '#/channels/nodes'
components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: '#/components/schemas/Node'
`,
    },
    exit: [0, 1],
    expect: { parsed: true },
  },
  {
    name: "nonexistent path",
    files: {},
    arg: "does/not/exist.yaml",
    exit: [2],
    expect: { stderr: "eventline: error: does/not/exist.yaml does not exist" },
  },
];

const rows: { name: string; exit: number; ms: number; rssMb: number; first: string }[] = [];
let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "eventline-hostile-"));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  const width = Math.max(...rows.map((r) => r.name.length));
  const table = [
    `${"case".padEnd(width)}  exit  ${"ms".padStart(6)}  ${"rss MB".padStart(6)}  first line of output`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(width)}  ${String(r.exit).padStart(4)}  ${String(r.ms).padStart(6)}  ${String(r.rssMb).padStart(6)}  ${r.first.slice(0, 150)}`,
    ),
  ].join("\n");
  console.log(`hostile input, one \`eventline validate --no-cache\` per case:\n${table}`);
});

describe("eventline validate on hostile input", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const cwd = mkdtempSync(join(base, "case-"));
    for (const [name, content] of Object.entries(c.files)) {
      mkdirSync(dirname(join(cwd, name)), { recursive: true });
      writeFileSync(join(cwd, name), typeof content === "function" ? content() : content);
    }
    const file = c.arg ?? Object.keys(c.files)[0]!;
    parsed.length = 0;
    const run: CliRun = await runCli(["validate", "--no-cache", file], cwd);
    const output = `${run.stdout}${run.stderr}`;
    rows.push({
      name: c.name,
      exit: run.code,
      ms: run.ms,
      rssMb: Math.round(run.rssDelta / 1024 / 1024),
      first: output.split("\n")[0] ?? "",
    });

    expect(c.exit, output).toContain(run.code);
    expect(stackFrames(output)).toEqual([]);
    expect(output).not.toMatch(/internal error/);
    expect(run.ms).toBeLessThan(MAX_MS);
    expect(run.rssDelta).toBeLessThan(MAX_RSS_DELTA);

    if (c.expect.stderr !== undefined) {
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(c.expect.stderr);
      return;
    }
    // Findings go to stdout, never stderr: stderr is for failures of the tool itself.
    expect(run.stderr).toBe("");
    const diagnostics = textDiagnostics(run.stdout);
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (c.expect.parsed !== undefined)
      expect(parsed.length > 0, "reached the AsyncAPI parser").toBe(c.expect.parsed);

    if (c.expect.ruleIds) {
      // A document that cannot be read or loaded is a finding (exit 1), named by file:line:col.
      expect(errors.map((d) => d.ruleId)).toEqual(expect.arrayContaining(c.expect.ruleIds));
      const first = errors.find((d) => c.expect.ruleIds!.includes(d.ruleId))!;
      expect(first.file).toBe(file);
      expect(first.line).toBe(c.expect.line);
      expect(run.stdout).toContain(`${file}:${first.line}:${first.column} error ${first.ruleId}`);
    } else {
      // A valid document: whatever fails the run is a lint finding, never a load or parser error.
      expect(errors.filter((d) => !LINT_RULE_IDS.includes(d.ruleId))).toEqual([]);
      expect(run.code).toBe(errors.length > 0 ? 1 : 0);
    }
    for (const d of diagnostics) expect(d.file).toBe(file);
  });
});
