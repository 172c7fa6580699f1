import { describe, expect, it, vi } from "vitest";

// Simulates an install without the optional better-sqlite3 peer: requiring it fails.
vi.mock("node:module", async (original) => {
  const actual = await original<typeof import("node:module")>();
  return {
    ...actual,
    createRequire: (from: string | URL) => {
      const real = actual.createRequire(from);
      return Object.assign((id: string) => {
        if (id === "better-sqlite3") throw new Error("Cannot find module 'better-sqlite3'");
        return real(id);
      }, real);
    },
  };
});

const { createSqliteIdempotencyStore } = await import("../../../src/runtime/stores/sqlite.js");

describe("SQLite store without better-sqlite3 installed", () => {
  it("says which peer dependency to install when given a path", () => {
    expect(() => createSqliteIdempotencyStore({ db: "/tmp/never-created.db" })).toThrowError(
      /needs the optional peer dependency better-sqlite3 12\.x \(npm install better-sqlite3@12\)/,
    );
  });
});
