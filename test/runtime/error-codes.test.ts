import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEAD_LETTER_REASONS,
  EventlineRuntimeError,
  isEventlineRuntimeError,
  RUNTIME_ERROR_CODES,
} from "../../src/runtime/index.js";

const ROOT = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(ROOT, dir, f));
}

/** The first argument of every `new EventlineRuntimeError(...)` in the runtime and the Kafka transport. */
function thrownCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sources("src/runtime"), ...sources("src/kafka")]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/new EventlineRuntimeError\(\s*([^,]*),/g)) {
      const arg = m[1]!.trim();
      found.set(arg, [...(found.get(arg) ?? []), file.slice(ROOT.length + 1)]);
    }
  }
  return found;
}

/** Rows `| \`CODE\` | yes/no | ... |` of the docs table whose header's first cell is `heading`. */
function docsTable(heading: string): Map<string, boolean> {
  const lines = readFileSync(join(ROOT, "docs/runtime.md"), "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith(`| ${heading} | retriable |`));
  expect(start, `docs/runtime.md has a table headed "${heading}"`).toBeGreaterThan(-1);
  const rows = new Map<string, boolean>();
  for (const line of lines.slice(start + 2)) {
    const m = /^\| `([^`]+)` \| (yes|no) \|/.exec(line);
    if (!m) break;
    rows.set(m[1]!, m[2] === "yes");
  }
  return rows;
}

describe("runtime error codes", () => {
  it("every code thrown in src/runtime and src/kafka is a string literal in the table, and every code in the table is thrown", () => {
    const thrown = thrownCodes();
    const literals = [...thrown.keys()].map((arg) => {
      expect(arg, `a literal code (found in ${thrown.get(arg)?.join(", ")})`).toMatch(/^"[A-Z_]+"$/);
      return JSON.parse(arg) as string;
    });
    expect(new Set(literals)).toEqual(new Set(Object.keys(RUNTIME_ERROR_CODES)));
  });

  it("docs/runtime.md lists every code and dead-letter reason with its retriable flag", () => {
    const flags = (table: Record<string, { retriable: boolean }>) =>
      new Map(Object.entries(table).map(([code, info]) => [code, info.retriable]));
    expect(docsTable("code")).toEqual(flags(RUNTIME_ERROR_CODES));
    expect(docsTable("reason")).toEqual(flags(DEAD_LETTER_REASONS));
  });

  it("every dead-letter reason the consumer uses is in the table, and only a failing handler is retried", () => {
    const consumer = readFileSync(join(ROOT, "src/runtime/consumer.ts"), "utf8");
    const used = [...consumer.matchAll(/tel,\s*"([a-z_]+)",/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(Object.keys(DEAD_LETTER_REASONS)));
    const retried = Object.entries(DEAD_LETTER_REASONS).filter(([, info]) => info.retriable);
    expect(retried.map(([reason]) => reason)).toEqual(["handler_failed"]);
  });

  it("an error carries its code and the table's retriable flag", () => {
    const stopped = new EventlineRuntimeError("CONSUMER_STOPPED", "stopped");
    const invalid = new EventlineRuntimeError("PAYLOAD_INVALID", "bad");
    expect([stopped.code, stopped.retriable]).toEqual(["CONSUMER_STOPPED", true]);
    expect([invalid.code, invalid.retriable]).toEqual(["PAYLOAD_INVALID", false]);
    expect(isEventlineRuntimeError(invalid)).toBe(true);
    // @ts-expect-error a code outside the table does not compile
    const untyped = new EventlineRuntimeError("NOT_A_CODE", "x");
    expect([untyped.code, untyped.retriable]).toEqual(["NOT_A_CODE", false]);
  });
});
