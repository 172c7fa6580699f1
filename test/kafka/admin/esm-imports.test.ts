import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// kafkajs is CommonJS. Vitest's interop accepts any named import from it, but Node's ESM loader only
// sees the exports cjs-module-lexer detects — `ConfigResourceTypes`, say, is not among them, and the
// built CLI would die at startup. So every named value import from kafkajs in src/kafka is checked in
// a real Node process.
const REPO = resolve(import.meta.dirname, "../../..");

function kafkajsValueImports(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const text = readFileSync(path, "utf8");
        for (const m of text.matchAll(/^import\s+\{([^}]*)\}\s+from\s+"kafkajs";/gm)) {
          const names = m[1]!
            .split(",")
            .map((n) => n.trim())
            .filter((n) => n !== "" && !n.startsWith("type "));
          if (names.length > 0) found.set(path.slice(REPO.length + 1), names);
        }
      }
    }
  };
  walk(join(REPO, "src/kafka"));
  return found;
}

describe("named imports from kafkajs", () => {
  it("resolve in Node's own ESM loader", () => {
    const imports = kafkajsValueImports();
    expect(imports.size).toBeGreaterThan(0);
    for (const [file, names] of imports) {
      const result = spawnSync(
        process.execPath,
        ["--input-type=module", "-e", `import { ${names.join(", ")} } from "kafkajs";`],
        { cwd: REPO, encoding: "utf8" },
      );
      expect(
        result.status,
        `${file}: ${result.stderr.split("\n").find((l) => l.includes("Error")) ?? ""}`,
      ).toBe(0);
    }
  });
});
