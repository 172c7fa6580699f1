import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// `eventline/runtime` must load in a project that installed none of the stores' drivers.
const peers = ["pg", "better-sqlite3", "ioredis"];
vi.mock("pg", () => {
  throw new Error("pg was loaded");
});
vi.mock("better-sqlite3", () => {
  throw new Error("better-sqlite3 was loaded");
});
vi.mock("ioredis", () => {
  throw new Error("ioredis was loaded");
});

const storesDir = join(import.meta.dirname, "../../../src/runtime/stores");

describe("optional peer dependencies of the stores", () => {
  it("are not loaded when the runtime entry point is imported", async () => {
    const runtime = await import("../../../src/runtime/index.js");
    expect(typeof runtime.createPostgresInbox).toBe("function");
    expect(typeof runtime.createSqliteIdempotencyStore).toBe("function");
    expect(typeof runtime.createRedisIdempotencyStore).toBe("function");
  });

  it("are imported for their types only (the compiled files keep no import of them)", () => {
    const seen = new Set<string>();
    for (const file of readdirSync(storesDir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(storesDir, file), "utf8");
      for (const match of source.matchAll(/^import\s+(.*?)\s+from\s+"([^"]+)";/gms)) {
        const [, what, from] = match;
        if (!peers.includes(from!)) continue;
        seen.add(from!);
        expect(`${file}: ${what}`).toMatch(/^[\w.-]+: type\b/);
      }
    }
    expect([...seen].sort()).toEqual([...peers].sort());
  });
});
