import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDev } from "../../src/cli/commands/catalog.js";
import { oneMessageDocument, writeProject } from "../catalog/write-project.js";
import { until } from "../support/waiting.js";
import { captureIo, runCli } from "./run-cli.js";

describe("eventline catalog dev", () => {
  it("serves the site, rebuilds it when a document changes and tells open pages to reload", async () => {
    const dir = writeProject({ "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]") });
    const io = captureIo(dir);
    const stop = new AbortController();
    const dev = runDev(
      { paths: [], out: ".eventline/dev", port: "0", host: "127.0.0.1", search: false },
      io,
      stop.signal,
    );
    try {
      await until(() => io.out.stdout.includes("Catalog site at "), { ms: 240_000, what: "the first build" });
      const url = /Catalog site at (\S+) /.exec(io.out.stdout)![1]!;
      const home = await (await fetch(url)).text();
      expect(home).toContain("Billing");
      expect(home).toContain("new EventSource");

      const events = await fetch(`${url}__eventline/reload`);
      const reader = events.body!.getReader();
      let received = "";
      const reading = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += new TextDecoder().decode(value);
        }
      })();
      await until(() => received.includes("connected"), { what: "the reload stream" });

      const file = join(dir, "asyncapi/billing.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("title: Billing", "title: Invoicing"));
      await until(() => received.includes("event: reload"), {
        ms: 240_000,
        what: () => `a reload event (stdout: ${io.out.stdout} stderr: ${io.out.stderr})`,
      });
      expect(io.out.stdout).toContain("Rebuilt:");
      expect(await (await fetch(url)).text()).toContain("Invoicing");
      await reader.cancel();
      await reading.catch(() => undefined);
    } finally {
      stop.abort();
    }
    expect(await dev).toBe(0);
  }, 600_000);

  it("refuses a port that is not one (exit 2)", async () => {
    const dir = writeProject({ "asyncapi/billing.yaml": oneMessageDocument("{ type: object }", "[]") });
    const run = await runCli(["catalog", "dev", "--port", "http"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--port must be an integer");
  });
});
