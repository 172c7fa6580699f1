import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const DEPCRUISE = join(REPO, "node_modules/.bin/depcruise");
const CONFIG = join(REPO, ".dependency-cruiser.cjs");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the project's import rules over a small tree of files; returns the exit code and output. */
function cruise(files: Record<string, string>): { code: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "eventline-layering-"));
  dirs.push(dir);
  const tree: Record<string, string> = {
    "package.json": '{ "name": "fixture", "type": "module" }',
    "tsconfig.json": '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }',
    ...files,
  };
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const roots = [...new Set(Object.keys(files).map((f) => f.split("/")[0]!))];
  try {
    const out = execFileSync(DEPCRUISE, [...roots, "--config", CONFIG], { cwd: dir, encoding: "utf8" });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

const leaf = "export const x = 1;\n";

describe("the layering rules (npm run lint)", () => {
  it("refuse an import of a higher layer", () => {
    const r = cruise({
      "src/model/load.ts": 'import { x } from "../cli/main.js";\nexport const y = x;\n',
      "src/cli/main.ts": leaf,
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("no-upward-import-from-model: src/model/load.ts → src/cli/main.ts");
  });

  it("allow an import of a lower layer", () => {
    const r = cruise({
      "src/cli/main.ts": 'import { x } from "../model/load.js";\nexport const y = x;\n',
      "src/model/load.ts": leaf,
    });
    expect(r.code).toBe(0);
  });

  it("keep the runtime an island, even from the lowest layers", () => {
    const r = cruise({
      "src/runtime/consumer.ts": 'import { x } from "../errors.js";\nexport const y = x;\n',
      "src/errors.ts": leaf,
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("runtime-is-an-island");
  });

  it("keep the catalog site off the library", () => {
    const r = cruise({
      "docs-site/src/page.ts": 'import { x } from "../../src/model/load.js";\nexport const y = x;\n',
      "src/model/load.ts": leaf,
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("docs-site-reads-only-the-catalog-json");
  });
});
