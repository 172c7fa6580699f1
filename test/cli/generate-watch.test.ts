import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/commands/generate.js";
import { watchAndGenerate } from "../../src/cli/commands/generate-watch.js";
import { captureIo, platformCopy, runCli, stackFrames } from "./run-cli.js";

/** Resolves once `read()` satisfies `done`, polling; rejects after `ms`. */
async function until(read: () => string, done: (text: string) => boolean, ms = 30_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = read();
    if (done(text)) return text;
    if (Date.now() - started > ms) throw new Error(`timed out; output so far:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = (text: string, what: string) => text.split(what).length - 1;

/** Replaces a file the way editors and `sed -i` do: write a new file, rename it over the old one. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

describe("eventline generate --watch", () => {
  it("regenerates on each change, reports a broken document with file:line and keeps watching", async () => {
    const dir = platformCopy("eventline-watch-");
    const io = captureIo(dir);
    const stop = new AbortController();
    const watching = run({ out: "gen", service: ["payments-service"], watch: true }, io, stop.signal);
    try {
      const generated = "Generated 4 files for 1 services in gen.\n";
      await until(
        () => io.out.stdout,
        (t) => t.includes("Watching") && count(t, generated) === 1,
      );
      expect(existsSync(join(dir, "gen/payments-service/client.ts"))).toBe(true);

      // Output written into gen/ is not a change to react to.
      writeFileSync(join(dir, "gen/payments-service/extra.json"), "{}");
      await new Promise((r) => setTimeout(r, 800));
      expect(count(io.out.stdout, generated)).toBe(1);

      const doc = join(dir, "asyncapi/payments.yaml");
      const original = readFileSync(doc, "utf8");
      replaceFile(doc, original.replace(/^asyncapi: 3\.0\.0$/m, "asyncapi: [3.0.0"));
      const errors = await until(
        () => io.out.stderr,
        (t) => t.includes("asyncapi/payments.yaml:"),
      );
      expect(errors).toMatch(/^eventline: error: .*\n {2}asyncapi\/payments\.yaml:\d+:\d+ /m);
      expect(stackFrames(errors)).toEqual([]);

      replaceFile(doc, `${original}# edited\n`);
      await until(
        () => io.out.stdout,
        (t) => count(t, generated) === 2,
      );
      expect(count(io.out.stdout, generated)).toBe(2);
    } finally {
      stop.abort();
    }
    expect(await watching).toBe(0);
  }, 120_000);

  it("stops promptly when stopped before the watcher has finished its first scan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-watch-scan-"));
    for (let d = 0; d < 20; d++) {
      mkdirSync(join(dir, `d${d}`));
      for (let f = 0; f < 20; f++) writeFileSync(join(dir, `d${d}`, `f${f}.json`), "{}");
    }
    const stop = new AbortController();
    let runs = 0;
    const watching = watchAndGenerate(
      { root: dir, out: join(dir, "gen") },
      captureIo(dir),
      async () => ++runs,
      stop.signal,
    );
    setImmediate(() => stop.abort());
    const outcome = await Promise.race([watching, new Promise((r) => setTimeout(() => r("hung"), 5_000))]);
    expect([outcome, runs]).toEqual([0, 0]);
  });

  it("refuses --watch with --check (exit 2)", async () => {
    const r = await runCli(["generate", "--watch", "--check"], platformCopy());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--watch and --check do not go together");
  });
});
