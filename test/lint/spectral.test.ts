import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import spectralCore from "@stoplight/spectral-core";
import * as SpectralParsers from "@stoplight/spectral-parsers";
import { httpAndFileResolver } from "@stoplight/spectral-ref-resolver";
import { describe, expect, it } from "vitest";
import { LINT_RULE_IDS } from "../../src/lint/index.js";
import { CATALOG_ONLY_RULES, spectralRuleset } from "../../src/lint/spectral.js";

const { Spectral, Document } = spectralCore;
// CommonJS interop: the namespace may carry the exports under `default`.
const Yaml =
  (SpectralParsers as unknown as { Yaml?: typeof SpectralParsers.Yaml }).Yaml ??
  (SpectralParsers as unknown as { default: typeof SpectralParsers }).default.Yaml;

const repo = resolve(import.meta.dirname, "../..");

async function lint(path: string, ruleset: object = spectralRuleset()) {
  const spectral = new Spectral({ resolver: httpAndFileResolver });
  // Our rule functions are plain functions, which Spectral accepts; its types only describe its own.
  spectral.setRuleset(ruleset as Parameters<typeof spectral.setRuleset>[0]);
  return spectral.run(new Document(readFileSync(path, "utf8"), Yaml, path));
}

describe("Spectral ruleset", () => {
  it("has every per-document rule, prefixed eventline-", () => {
    const ids = Object.keys(spectralRuleset().rules).sort();
    const expected = LINT_RULE_IDS.filter((id) => !CATALOG_ONLY_RULES.has(id))
      .map((id) => `eventline-${id}`)
      .sort();
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThanOrEqual(12);
  });

  it("finds nothing in the example platform documents", async () => {
    for (const doc of ["orders", "payments", "inventory", "shipping", "notifications"]) {
      const results = await lint(join(repo, "asyncapi", `${doc}.yaml`));
      expect(
        results.filter((r) => String(r.code).startsWith("eventline-")),
        doc,
      ).toEqual([]);
    }
  });

  it("reports findings at the right line of a broken document", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-spectral-"));
    const file = join(dir, "broken.yaml");
    writeFileSync(
      file,
      [
        "asyncapi: 3.0.0",
        "info: {title: Broken, version: '1'}",
        "channels:",
        "  things:",
        "    address: things.v1",
        "    x-eventline-ordering: per-key",
        "    messages:",
        "      ThingChange:",
        "        name: ThingChange",
        "        x-eventline-version: one",
        "        payload: {type: object, properties: {id: {type: string}}}",
        "operations:",
        "  receiveThings:",
        "    action: receive",
        "    channel: {$ref: '#/channels/things'}",
        "",
      ].join("\n"),
    );
    const results = await lint(file);
    const codes = new Set(results.map((r) => String(r.code)));
    expect(codes).toContain("eventline-ordered-channel-needs-partition-key");
    expect(codes).toContain("eventline-receive-needs-dead-letter");
    expect(codes).toContain("eventline-event-name-past-tense");
    const version = results.find(
      (r) => String(r.code).startsWith("eventline-") && r.path.join("/").endsWith("x-eventline-version"),
    );
    expect(version?.range.start.line).toBe(9); // 0-based: line 10 of the file
  });

  it("loads as the published ruleset file (built code)", async () => {
    const mod = (await import(join(repo, "spectral/eventline-ruleset.js"))) as { default: { rules: object } };
    expect(Object.keys(mod.default.rules)).toEqual(Object.keys(spectralRuleset().rules));
  });
});
