import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stackFrames } from "./run-cli.js";

const repo = resolve(import.meta.dirname, "../..");

/** Runs the built CLI with its stdout's reader gone before the first write, as `| head -0` does. */
function runClosingStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repo, "bin/eventline.js"), ...args], { cwd: repo });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.destroy();
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("CLI output to a reader that goes away", () => {
  it("a closed stdout (… | head) ends quietly: no EPIPE trace, the command's own exit code", async () => {
    const out = mkdtempSync(join(tmpdir(), "eventline-epipe-"));
    // --check on an empty folder lists every file as missing, and exits 1 for it.
    const run = await runClosingStdout(["generate", "--check", "--out", out]);
    expect(run.stderr).not.toContain("EPIPE");
    expect(stackFrames(run.stderr)).toEqual([]);
    expect(run.code).toBe(1);
  });
});
