// Type-checks generated clients the way a user's strict project would: one tsc run over a temp folder
// (fast), errors reported per generated file so callers can attribute them to their document.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import type { GeneratedFile } from "../../../src/codegen/generate.js";

export const REPO = resolve(import.meta.dirname, "../../..");
const TSC = join(REPO, "node_modules/typescript/bin/tsc");
const RUNTIME = join(REPO, "src/runtime/index.js");

/** The strictest flags users compile generated code with, on a NodeNext ESM project. */
export const STRICT_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * A temp folder that behaves like a user project: ESM package.json, this repo's node_modules linked
 * in (@types/node and the runtime's own dependencies), a strict tsconfig over every .ts below it.
 */
export function scratchProject(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`);
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(
    join(dir, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: STRICT_OPTIONS, include: ["**/*.ts"], exclude: ["node_modules"] }, null, 2)}\n`,
  );
  return dir;
}

/**
 * The runtime specifier for generated code written to `<out>/<service>/client.ts`: a relative path
 * to this repo's runtime source (tsc maps the `.js` specifier to `index.ts`), so tests need no build.
 */
export function runtimeImportFor(out: string): string {
  const rel = relative(join(out, "service"), RUNTIME).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export function writeFiles(out: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

export interface TypecheckResult {
  /** Errors in files below the project, keyed by path relative to it (`/`-separated). */
  byFile: Map<string, string[]>;
  /** Errors outside the project (the runtime source, being edited by others): not the generator's. */
  outside: string[];
  /** tsc's own failure (no diagnostics, non-zero exit), e.g. a crash. */
  crash?: string;
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/;

/** Runs tsc once over the project and splits its diagnostics by file. */
export async function typecheck(project: string): Promise<TypecheckResult> {
  const result: TypecheckResult = { byFile: new Map(), outside: [] };
  let output: string;
  let failed = false;
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [TSC, "-p", join(project, "tsconfig.json"), "--pretty", "false"],
      { cwd: project, maxBuffer: 64 * 1024 * 1024 },
    );
    output = stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
    failed = true;
    if (output.trim() === "") output = e.message;
  }
  let last: string[] | undefined;
  for (const line of output.split("\n")) {
    const match = DIAGNOSTIC.exec(line);
    if (!match) {
      // Continuation lines of a multi-line message belong to the previous diagnostic.
      if (last && line.startsWith(" ")) last[last.length - 1] += `\n${line}`;
      continue;
    }
    const abs = resolve(project, match[1]!);
    const rel = relative(project, abs).split(sep).join("/");
    const text = `${rel}:${match[2]}:${match[3]} ${match[4]}`;
    if (rel.startsWith("..") || rel.startsWith("node_modules/")) {
      result.outside.push(text);
      last = result.outside;
      continue;
    }
    const list = result.byFile.get(rel) ?? [];
    list.push(text);
    result.byFile.set(rel, list);
    last = list;
  }
  if (failed && result.byFile.size === 0 && result.outside.length === 0) result.crash = output.trim();
  return result;
}

/** Errors of the files below `folder` (relative to the project). */
export function errorsUnder(result: TypecheckResult, folder: string): string[] {
  const prefix = `${folder}/`;
  return [...result.byFile].filter(([file]) => file.startsWith(prefix)).flatMap(([, errors]) => errors);
}
