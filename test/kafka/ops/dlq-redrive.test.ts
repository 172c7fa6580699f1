import { Kafka, logLevel, Partitioners } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafkaTransport, type KafkaTransport } from "../../../src/kafka/transport.js";
import { createConsumer } from "../../../src/runtime/consumer.js";
import { createPublisher } from "../../../src/runtime/publisher.js";
import type { Subscription } from "../../../src/runtime/transport.js";
import { runCli } from "../../cli/run-cli.js";
import { until } from "../../support/waiting.js";
import { adminBroker } from "../admin/broker-suite.js";
import { orderPlacedSpec, SHOP, type ShopCatalog, shopCatalog } from "./shop-catalog.js";

// The dead-letter round trip on the real broker: a consumer dead-letters poison messages, the
// handler is fixed, and `eventline dlq redrive` brings each one back exactly once, across a run cut
// short by --limit and one killed inside its Kafka transaction.

const { brokers, available, run } = adminBroker("eventline dlq (real broker)");

describe.runIf(available)("eventline dlq list|show|redrive (real broker)", () => {
  const prefix = `${run}.`;
  const orders = prefix + SHOP.topic;
  const dead = prefix + SHOP.deadLetter;
  const kafka = new Kafka({ clientId: "eventline-ops-tests", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let transport: KafkaTransport;
  let catalog: ShopCatalog;
  let subscription: Subscription;
  let fixed = false;
  // ce_id → how many times the handler's effect happened.
  const effects = new Map<string, number>();
  const poison: string[] = [];
  let invalidId = "";
  const cli = (args: string[]) =>
    runCli(
      [...args, "--brokers", brokers.join(","), "--prefix", prefix, "--root", catalog.root],
      catalog.root,
    );

  beforeAll(async () => {
    catalog = shopCatalog();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: orders, numPartitions: 2 },
        { topic: dead, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    transport = createKafkaTransport({ kafka });
    const consumer = createConsumer({
      transport,
      groupId: `${run}-${SHOP.group}`,
      messages: [orderPlacedSpec(prefix)],
      deadLetter: { topic: dead, maxAttempts: SHOP.maxAttempts },
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      handlers: {
        OrderPlaced: ({ payload, envelope }) => {
          if (!fixed && (payload as { amount: number }).amount === 13) throw new Error("unlucky amount 13");
          effects.set(envelope.id, (effects.get(envelope.id) ?? 0) + 1);
        },
      },
    });
    subscription = consumer.start();
    const publisher = createPublisher({
      transport,
      source: "/services/test",
      messages: [orderPlacedSpec(prefix)],
    });
    for (let i = 0; i < 10; i++) {
      const published = await publisher.publish("OrderPlaced", {
        orderId: `o${i}`,
        amount: i % 3 === 0 ? 13 : i,
      });
      if (i % 3 === 0) poison.push(published.id);
    }
    // An old producer's message that today's schema rejects: dead-lettered at once as invalid.
    const lax = createPublisher({
      transport,
      source: "/services/test",
      messages: [orderPlacedSpec(prefix, false)],
    });
    invalidId = (await lax.publish("OrderPlaced", { orderId: "bad", amount: -1 })).id;
    await until(() => effects.size === 6 && consumer.stats.deadLettered === 5, {
      ms: 60_000,
      what: () => `6 effects and 5 dead letters (${effects.size}, ${consumer.stats.deadLettered})`,
    });
  });

  afterAll(async () => {
    await subscription?.stop();
    await transport?.disconnect();
    await admin.deleteTopics({ topics: [orders, dead] }).catch(() => undefined);
    await admin.disconnect();
    catalog?.remove();
  });

  it("list reports the depth, the feeding group and the record ages", async () => {
    const r = await cli(["dlq", "list", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout).deadLetters;
    expect(entry).toMatchObject({
      topic: dead,
      exists: true,
      depth: 5,
      partitions: [{ partition: 0, start: 0, end: 5, depth: 5 }],
      feeders: [{ groupId: SHOP.group, topic: orders }],
    });
    expect(Date.parse(entry.oldest)).toBeLessThanOrEqual(Date.parse(entry.newest));
    const text = await cli(["dlq", "list"]);
    expect(text.stdout).toContain(`${dead}  5`);
  });

  it("show prints error headers, key and payload; --error narrows", async () => {
    const r = await cli(["dlq", "show", "shop", "--error", "unlucky", "--format", "json"]);
    expect(r.code).toBe(0);
    const show = JSON.parse(r.stdout);
    expect(show.depth).toBe(5);
    expect(show.records).toHaveLength(4);
    expect(show.records[0]).toMatchObject({
      error: expect.stringContaining("unlucky amount 13"),
      attempts: SHOP.maxAttempts,
      original: { topic: orders },
      payload: { amount: 13 },
    });
    expect(show.records.map((x: { headers: { ce_id: string } }) => x.headers.ce_id).sort()).toEqual(
      [...poison].sort(),
    );
    const text = await cli(["dlq", "show", dead, "--limit", "1"]);
    expect(text.stdout).toContain("attempts:");
    expect(text.stdout).toContain('"amount": 13');
  });

  it("redrive --dry-run plans 4 and skips the record today's schema rejects, committing nothing", async () => {
    const r = await cli(["dlq", "redrive", "shop/deadLetter", "--dry-run", "--format", "json"]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.records.filter((x: { action: string }) => x.action === "would-redrive")).toHaveLength(4);
    const skipped = plan.records.filter((x: { action: string }) => x.action === "skipped");
    expect(skipped).toEqual([
      expect.objectContaining({ id: invalidId, reason: expect.stringContaining("/amount: must be >= 0") }),
    ]);
    const [offsets] = await admin.fetchOffsets({ groupId: `eventline-redrive.${dead}`, topics: [dead] });
    expect(offsets?.partitions.map((p) => p.offset)).toEqual(["-1"]);
    const forced = await cli([
      "dlq",
      "redrive",
      "shop",
      "--dry-run",
      "--force",
      "--where",
      `ce_id=${invalidId}`,
    ]);
    expect(forced.stdout).toMatch(/would redrive .*forced: invalid against the current schema/);
    expect(forced.stdout).toContain("1 would be redriven, 4 skipped");
  });

  it("redrive brings every poison message back exactly once, across a --limit stop and a killed transaction", async () => {
    fixed = true;
    const first = await cli(["dlq", "redrive", "shop", "--limit", "2", "--format", "json"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ redriven: 2, skipped: 0, remaining: 3 });

    // A redrive killed inside its transaction: the copy it sent and the progress it meant to commit
    // are never committed. The next run's producer (same transactional id) aborts them.
    const zombie = kafka.producer({
      transactionalId: `eventline-redrive.${dead}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await zombie.connect();
    const tx = await zombie.transaction();
    const third = JSON.parse((await cli(["dlq", "show", "shop", "--format", "json"])).stdout).records[2];
    await tx.send({
      topic: orders,
      messages: [{ key: third.key, value: JSON.stringify(third.payload), headers: third.headers }],
    });
    await tx.sendOffsets({
      consumerGroupId: `eventline-redrive.${dead}`,
      topics: [{ topic: dead, partitions: [{ partition: 0, offset: "5" }] }],
    });
    // No commit, no abort: the process died here.

    const second = await cli(["dlq", "redrive", "shop", "--format", "json"]);
    expect(second.stderr).toBe("");
    expect(JSON.parse(second.stdout)).toMatchObject({ redriven: 2, skipped: 1, remaining: 0 });
    const again = await cli(["dlq", "redrive", "shop"]);
    expect(again.stdout).toContain("0 redriven, 0 skipped, 0 left");
    await zombie.disconnect().catch(() => undefined);

    await until(() => poison.every((id) => effects.get(id) === 1), {
      ms: 60_000,
      what: () => `one effect per poison message (${poison.map((id) => effects.get(id) ?? 0).join(",")})`,
    });
    // Give any duplicate the time to arrive before counting.
    await new Promise((r) => setTimeout(r, 2000));
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
    expect(effects.size).toBe(10);
    expect(effects.has(invalidId)).toBe(false);
    const [end] = await admin.fetchOffsets({ groupId: `eventline-redrive.${dead}`, topics: [dead] });
    expect(end?.partitions.map((p) => p.offset)).toEqual(["5"]);
  });
});
