import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFrom } from "../../src/ops/replay.js";
import { runCli } from "../cli/run-cli.js";
import { type ShopCatalog, shopCatalog } from "../kafka/ops/shop-catalog.js";

describe("replay --from", () => {
  it.each([
    ["0", { kind: "offset", offset: 0 }],
    ["42", { kind: "offset", offset: 42 }],
    ["earliest", { kind: "earliest" }],
    ["latest", { kind: "latest" }],
    ["2026-12-01T08:00:00Z", { kind: "time", ms: Date.parse("2026-12-01T08:00:00Z") }],
    ["2026-12-01", { kind: "time", ms: Date.parse("2026-12-01") }],
  ])("%s", (value, expected) => {
    expect(parseFrom(value)).toEqual(expected);
  });

  it.each(["-1", "yesterday", "2026-13-45T99:00:00Z", ""])("%j is refused", (value) => {
    expect(() => parseFrom(value)).toThrow(/is neither an offset, an ISO 8601 time/);
  });
});

describe("eventline replay: bad input (exit 2 before any broker is contacted)", () => {
  let catalog: ShopCatalog;
  beforeAll(() => {
    catalog = shopCatalog();
  });
  afterAll(() => catalog.remove());
  const cli = (args: string[]) =>
    runCli([...args, "--brokers", "127.0.0.1:1", "--timeout", "300", "--root", catalog.root], catalog.root);

  it("a bad --from", async () => {
    const r = await cli(["replay", "--channel", "orders", "--group", "g", "--from", "soon"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from "soon" is neither an offset');
  });

  it("an unknown channel", async () => {
    const r = await cli(["replay", "--channel", "nope", "--group", "g", "--from", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"nope" is not a channel of the catalog');
  });

  it("neither --from nor --to-group", async () => {
    const r = await cli(["replay", "--channel", "orders", "--group", "g"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("replay needs --from, --to-group, or both");
  });
});
