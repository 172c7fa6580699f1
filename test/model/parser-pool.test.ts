import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createParserPool } from "../../src/model/parser-pool.js";
import { getAtPointer } from "../../src/schema/pointer.js";

const small = (title: string) =>
  [
    "asyncapi: 3.0.0",
    `info: {title: ${title}, version: '1'}`,
    "channels:",
    "  things:",
    "    address: things",
    "    messages:",
    "      Thing:",
    "        payload: {$ref: './thing.json'}",
    "",
  ].join("\n");

/** A valid document of `channels` channels: seconds of parsing, not milliseconds. */
function big(channels: number): string {
  const lines = ["asyncapi: 3.0.0", "info: {title: Big, version: '1'}", "channels:"];
  for (let i = 0; i < channels; i++) {
    lines.push(`  c${i}:`, `    address: big.${i}`, "    messages:", `      M${i}:`);
    lines.push("        payload: {type: object, properties: {id: {type: string}, n: {type: integer}}}");
  }
  return `${lines.join("\n")}\n`;
}

describe("parser pool", () => {
  const pool = createParserPool(2, 512);
  afterAll(() => pool.close());
  const dir = mkdtempSync(join(tmpdir(), "eventline-pool-"));
  const schemaPath = join(dir, "thing.json");
  const served = (name: string) => ({
    [schemaPath]: JSON.stringify({ type: "object", properties: { [name]: { type: "string" } } }),
  });
  const propertiesOf = (outcome: Awaited<ReturnType<typeof pool.parse>>) =>
    outcome.kind === "parsed"
      ? Object.keys(
          getAtPointer(outcome.resolved, "/channels/things/messages/Thing/payload/properties") as object,
        )
      : outcome.kind;

  it("a warm-up for a version does not disturb the request right behind it", async () => {
    pool.warm(2, "3.0.0");
    const outcome = await pool.parse(small("A"), join(dir, "a.yaml"), 20_000, served("fromA"));
    expect(propertiesOf(outcome)).toEqual(["fromA"]);
  });

  it("gives queued documents to whichever worker is free, so one big document holds up none", async () => {
    const finished: string[] = [];
    const track = (name: string, p: ReturnType<typeof pool.parse>) =>
      p.then((outcome) => {
        finished.push(name);
        return outcome;
      });
    // Round-robin would put small-2 behind the big document on its worker.
    const all = await Promise.all([
      track("big", pool.parse(big(1500), join(dir, "big.yaml"), 60_000)),
      track("small-1", pool.parse(small("S1"), join(dir, "s1.yaml"), 20_000, served("one"))),
      track("small-2", pool.parse(small("S2"), join(dir, "s2.yaml"), 20_000, served("two"))),
      track("small-3", pool.parse(small("S3"), join(dir, "s3.yaml"), 20_000, served("three"))),
    ]);
    expect(all.map((o) => o.kind)).toEqual(["parsed", "parsed", "parsed", "parsed"]);
    expect(all.slice(1).map(propertiesOf)).toEqual([["one"], ["two"], ["three"]]);
    expect(finished.at(-1)).toBe("big");
  });

  it("closing lets every queued document be parsed first", async () => {
    const one = createParserPool(1, 512);
    const settled: string[] = [];
    const a = one.parse(small("A"), join(dir, "a.yaml"), 20_000, served("a")).then((o) => {
      settled.push("a");
      return o;
    });
    const b = one.parse(small("B"), join(dir, "b.yaml"), 20_000, served("b")).then((o) => {
      settled.push("b");
      return o;
    });
    await one.close();
    expect(settled).toEqual(["a", "b"]);
    expect([propertiesOf(await a), propertiesOf(await b)]).toEqual([["a"], ["b"]]);
  });
});
