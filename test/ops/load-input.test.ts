import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertLoopback } from "../../src/ops/load/plan.js";
import { runCli } from "../cli/run-cli.js";
import { type ShopCatalog, shopCatalog } from "../kafka/ops/shop-catalog.js";

describe("eventline load: input", () => {
  let catalog: ShopCatalog;
  let declared: ShopCatalog;
  beforeAll(() => {
    catalog = shopCatalog();
    declared = shopCatalog({ peakRate: 400 });
  });
  afterAll(() => {
    catalog.remove();
    declared.remove();
  });
  const cli = (root: string, args: string[]) => runCli([...args, "--root", root], root);

  it("refuses brokers that are not loopback unless --allow-remote", async () => {
    const r = await cli(catalog.root, [
      "load",
      "--channel",
      "orders",
      "--rate",
      "10",
      "--brokers",
      "10.1.2.3:9092",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("refusing to load brokers that are not on this machine: 10.1.2.3:9092");
    expect(() => assertLoopback(["127.0.0.1:9092", "localhost:9093", "[::1]:9094"])).not.toThrow();
    expect(() => assertLoopback(["kafka.prod:9092"])).toThrow(/kafka\.prod:9092/);
  });

  it("needs --rate when the channel declares no peak rate", async () => {
    const r = await cli(catalog.root, ["load", "--channel", "orders", "--transport", "memory"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no --rate, and shop.orders declare no x-eventline-peak-rate");
  });

  it.each([
    [["--duration", "ten"], '--duration "ten" is not a duration'],
    [["--rate", "-5"], '--rate "-5" is not a positive number'],
    [["--messages", "0"], '--messages "0" is not a positive integer'],
  ])("%j is refused", async (flags, message) => {
    const r = await cli(catalog.root, [
      "load",
      "--channel",
      "orders",
      "--transport",
      "memory",
      "--rate",
      "10",
      ...flags,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("runs on the in-memory transport at the declared peak rate, with exact counts", async () => {
    const r = await cli(declared.root, [
      "load",
      "--channel",
      "orders",
      "--transport",
      "memory",
      "--messages",
      "200",
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      transport: "memory",
      sent: 200,
      errors: 0,
      target: { rate: 400, messages: 200 },
    });
    expect(report.publishLatencyMs.count).toBe(200);
    // 200 messages at 400/s take about half a second.
    expect(report.elapsedMs).toBeGreaterThanOrEqual(450);
    expect(r.code).toBe(0);
  });

  it("a missed objective exits 1 (publish p99 under an impossible bound)", async () => {
    const r = await cli(declared.root, [
      "load",
      "--channel",
      "orders",
      "--transport",
      "memory",
      "--messages",
      "50",
      "--max-p99",
      "0.000001",
    ]);
    expect(r.stdout).toMatch(/MISSED publish p99/);
    expect(r.code).toBe(1);
  });
});
