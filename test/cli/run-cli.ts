import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the `main` call. */
  ms: number;
  /** Growth of the resident set size during the call. */
  rssDelta: number;
}

/** Runs `main(argv)` in-process with captured output, as `eventline` would run in `cwd`. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    color: false,
    cwd,
  };
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const code = await main(argv, io);
  const ms = Math.round(performance.now() - started);
  return { code, stdout, stderr, ms, rssDelta: process.memoryUsage().rss - rss };
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
