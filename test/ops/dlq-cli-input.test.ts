import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { type ShopCatalog, shopCatalog } from "../kafka/ops/shop-catalog.js";

// Bad input to `eventline dlq`, refused before any broker is contacted (the broker given does not exist).

describe("eventline dlq: bad input", () => {
  let catalog: ShopCatalog;
  beforeAll(() => {
    catalog = shopCatalog();
  });
  afterAll(() => catalog.remove());
  const cli = (args: string[]) =>
    runCli([...args, "--brokers", "127.0.0.1:1", "--timeout", "300", "--root", catalog.root], catalog.root);

  it("a channel that is not a dead-letter channel: exit 2, the known ones listed", async () => {
    const r = await cli(["dlq", "show", "orders"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"orders" is not a dead-letter channel of the catalog');
    expect(r.stderr).toContain("shop.dead-letter (shop/deadLetter)");
  });

  it("--limit that is not a positive integer: exit 2", async () => {
    const r = await cli(["dlq", "redrive", "shop", "--limit", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit "0" is not a positive integer');
  });

  it("an empty --where: exit 2", async () => {
    const r = await cli(["dlq", "redrive", "shop", "--where", " "]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--where needs header=value");
  });
});
