import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafkaTransport } from "../../../src/kafka/transport.js";
import { createConsumer } from "../../../src/runtime/consumer.js";
import { runCli } from "../../cli/run-cli.js";
import { adminBroker } from "../admin/broker-suite.js";
import { orderPlacedSpec, SHOP, type ShopCatalog, shopCatalog } from "./shop-catalog.js";

// `eventline load` sustaining 2,000 messages/s for 10 s on the real broker, at the channel's declared
// peak rate, with the report's counts checked against the topic itself.

const { brokers, available, run } = adminBroker("eventline load (real broker)");
const SLO = "    x-eventline-slo:\n      maxLag: 100\n";

describe.runIf(available)("eventline load (real broker)", () => {
  const prefix = `${run}.`;
  const orders = prefix + SHOP.topic;
  const kafka = new Kafka({ clientId: "eventline-load-tests", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let catalog: ShopCatalog;
  const cli = (args: string[]) =>
    runCli(
      [...args, "--brokers", brokers.join(","), "--prefix", prefix, "--root", catalog.root],
      catalog.root,
    );

  beforeAll(async () => {
    catalog = shopCatalog({ peakRate: 2000, slo: SLO });
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: orders, numPartitions: 2 }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [orders] }).catch(() => undefined);
    await admin.disconnect();
    catalog?.remove();
  });

  it("sustains the declared 2,000 msgs/s for 10 s: every message acknowledged and on the topic, valid and keyed", async () => {
    const r = await cli([
      "load",
      "--channel",
      "orders",
      "--duration",
      "10s",
      "--keys",
      "50",
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    console.info(
      `load: ${report.sent} in ${report.elapsedMs} ms = ${report.achievedRate} msgs/s; publish p50 ${report.publishLatencyMs.p50} p99 ${report.publishLatencyMs.p99} max ${report.publishLatencyMs.max} ms`,
    );
    expect(report.target).toEqual({ rate: 2000, durationMs: 10_000, messages: null, rampMs: 0 });
    expect(report.errors).toBe(0);
    expect(report.sent).toBeGreaterThanOrEqual(19_000);
    expect(report.sent).toBeLessThanOrEqual(20_000);
    expect(report.achievedRate).toBeGreaterThanOrEqual(1900);
    expect(report.publishLatencyMs.count).toBe(report.sent);
    expect(report.objectives.map((o: { name: string; met: boolean }) => [o.name, o.met])).toEqual([
      ["rate", true],
      ["errors", true],
    ]);
    expect(r.code).toBe(0);
    const offsets = await admin.fetchTopicOffsets(orders);
    expect(offsets.reduce((s, p) => s + Number(p.high), 0)).toBe(report.sent);
    // Keyed by orderId over 50 keys: both partitions get records.
    expect(offsets.every((p) => Number(p.high) > 0)).toBe(true);
  });

  it("names a group that does not consume: its lag at the end misses the x-eventline-slo objective (exit 1)", async () => {
    const r = await cli([
      "load",
      "--channel",
      "orders",
      "--rate",
      "500",
      "--messages",
      "300",
      "--group",
      SHOP.group,
      "--drain",
      "500ms",
    ]);
    expect(r.stdout).toMatch(/group shop-service: lag \d+ at the end/);
    expect(r.stdout).toContain("; 300 not processed");
    expect(r.stdout).toMatch(
      /MISSED lag of shop-service: \d+ \(objective ≤ 100 \(x-eventline-slo maxLag\)\)/,
    );
    expect(r.code).toBe(1);
  });

  it("names a group that consumes: end-to-end latency of every message, lag 0 (exit 0)", async () => {
    // Past the earlier tests' messages first, so the group only has this run's to read.
    const skip = await cli(["replay", "--channel", "orders", "--group", SHOP.group, "--from", "latest"]);
    expect(skip.code).toBe(0);
    const transport = createKafkaTransport({ kafka });
    const consumer = createConsumer({
      transport,
      groupId: SHOP.group,
      messages: [orderPlacedSpec(prefix)],
      handlers: { OrderPlaced: () => undefined },
    });
    const subscription = consumer.start();
    try {
      const r = await cli([
        "load",
        "--channel",
        "orders",
        "--rate",
        "500",
        "--messages",
        "300",
        "--group",
        SHOP.group,
        "--format",
        "json",
      ]);
      const report = JSON.parse(r.stdout);
      expect(report.group).toMatchObject({
        groupId: SHOP.group,
        lag: 0,
        maxLag: 100,
        endToEnd: { unprocessed: 0 },
      });
      expect(report.group.endToEnd.latencyMs.count).toBe(300);
      expect(report.group.endToEnd.latencyMs.p50).toBeGreaterThan(0);
      expect(r.code).toBe(0);
    } finally {
      await subscription.stop();
      await transport.disconnect();
    }
  });
});
