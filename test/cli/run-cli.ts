import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

const ROOT = resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the `main` call. */
  ms: number;
  /** Growth of the resident set size during the call. */
  rssDelta: number;
}

/** A CliIo for `cwd` that keeps what is written, readable at any time (also while a command runs). */
export function captureIo(cwd: string): CliIo & { out: { stdout: string; stderr: string } } {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    stdout: (text: string) => {
      out.stdout += text;
    },
    stderr: (text: string) => {
      out.stderr += text;
    },
    color: false,
    cwd,
  };
}

/** Runs `main(argv)` in-process with captured output, as `eventline` would run in `cwd`. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  const io = captureIo(cwd);
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const code = await main(argv, io);
  const ms = Math.round(performance.now() - started);
  return { code, ...io.out, ms, rssDelta: process.memoryUsage().rss - rss };
}

/** A copy of the example platform (documents, schemas, config) in a new temp folder. */
export function platformCopy(prefix = "eventline-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const path of ["asyncapi", "schemas", "eventline.config.yaml"]) {
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  return dir;
}

/** Lines that look like a JavaScript stack frame. */
export function stackFrames(text: string): string[] {
  return text.split("\n").filter((line) => /^\s{4}at /.test(line));
}

export interface TextDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
}

/** The `file:line:col severity rule message` lines of the text report. */
export function textDiagnostics(stdout: string): TextDiagnostic[] {
  return stdout.split("\n").flatMap((line) => {
    const m = /^(\S+?):(\d+):(\d+) (error|warning|info) (\S+) (.*)$/.exec(line);
    return m
      ? [
          {
            file: m[1]!,
            line: Number(m[2]),
            column: Number(m[3]),
            severity: m[4]!,
            ruleId: m[5]!,
            message: m[6]!,
          },
        ]
      : [];
  });
}
