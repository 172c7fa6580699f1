import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { SchemaBundle } from "../../src/codegen/bundle.js";
import { renderValidators, standaloneRequires } from "../../src/codegen/render-validators.js";
import { AJV_STANDALONE_MODULES } from "../../src/runtime/ajv-standalone.js";
import { REPO } from "./support/typecheck.js";

// Every keyword here makes ajv's standalone code reach for a run-time helper: string lengths
// (ucs2length), deep equality (uniqueItems, object enums), and ajv-formats' format checks.
const bundle: SchemaBundle = {
  draft2020: false,
  defs: {
    Sample: {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        at: { type: "string", format: "date-time" },
        link: { type: "string", format: "uri" },
        name: { type: "string", maxLength: 3 },
        tags: { type: "array", uniqueItems: true },
        pick: { enum: [{ a: 1 }, { b: 2 }] },
      },
      required: ["id"],
      additionalProperties: false,
    },
  },
  rootNames: new Map(),
};

const RUNTIME = pathToFileURL(join(REPO, "src/runtime/index.ts")).href;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Imports the rendered module from a folder with no node_modules, as an app with only eventline would. */
async function load(code: string): Promise<Record<string, (value: unknown) => boolean>> {
  const dir = mkdtempSync(join(tmpdir(), "eventline-validators-"));
  dirs.push(dir);
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const path = join(dir, "validators.mjs");
  writeFileSync(path, js);
  return (await import(pathToFileURL(path).href)) as Record<string, (value: unknown) => boolean>;
}

describe("renderValidators", () => {
  const code = renderValidators(bundle, ["Sample"], RUNTIME);

  it("imports nothing but the runtime: ajv's helpers come from eventline/runtime", () => {
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toEqual([RUNTIME]);
    const required = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
    expect(required.length).toBeGreaterThan(0);
    for (const id of required) expect(AJV_STANDALONE_MODULES).toContain(id);
  });

  it("runs from a folder where ajv and ajv-formats cannot be resolved", async () => {
    const { validateSample } = await load(code);
    const id = "6f1c0a52-9b43-4a53-a8c1-0e1b5e0e2f41";
    expect(validateSample!({ id, at: "2024-01-01T00:00:00Z", link: "https://x.test/", name: "abc" })).toBe(
      true,
    );
    expect(validateSample!({ id: "nope" })).toBe(false);
    expect(validateSample!({ id, at: "yesterday" })).toBe(false);
    expect(validateSample!({ id, name: "😀😀😀😀" })).toBe(false);
    expect(validateSample!({ id, tags: [{ x: 1 }, { x: 1 }] })).toBe(false);
    expect(validateSample!({ id, pick: { b: 2 } })).toBe(true);
    expect(validateSample!({ id, pick: { b: 3 } })).toBe(false);
  });

  it("imports nothing when the validators need no run-time helper", () => {
    const plain = renderValidators(
      { ...bundle, defs: { Plain: { type: "object", required: ["x"] } } },
      ["Plain"],
      RUNTIME,
    );
    expect(plain).not.toMatch(/^import /m);
    expect(plain).not.toMatch(/require\(/);
  });

  it("asks the runtime only for modules it hands out", () => {
    expect(standaloneRequires(code).length).toBeGreaterThan(0);
    for (const id of standaloneRequires(code)) expect(AJV_STANDALONE_MODULES).toContain(id);
  });
});
