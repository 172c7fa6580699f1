import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafkaTransport, type KafkaTransport } from "../../../src/kafka/transport.js";
import { loadCatalog } from "../../../src/model/index.js";
import { payloadSource } from "../../../src/ops/load/payloads.js";
import { messageSpecs } from "../../../src/ops/specs.js";
import { messagesByTopic } from "../../../src/ops/topology.js";
import { createConsumer, type Handler } from "../../../src/runtime/consumer.js";
import { createPublisher, type Published } from "../../../src/runtime/publisher.js";
import { runCli } from "../../cli/run-cli.js";
import { postgresConfig, postgresUnavailable, requireService } from "../../runtime/stores/services.js";
import { until } from "../../support/waiting.js";
import { adminBroker } from "../admin/broker-suite.js";

// Replay, for real: a projection of the example platform's order events built live, then rebuilt
// from offset 0 by a new consumer group (positioned by `eventline replay --to-group`, not by the
// consumer's own start-from-the-beginning default) into a new table, equals the live one row by row.

const ROOT = resolve(import.meta.dirname, "../../..");
const { brokers, available, run } = adminBroker("eventline replay (real broker)");
const pgReason = available ? await postgresUnavailable() : "";
const pgOk = available && requireService("PostgreSQL", pgReason);

describe.runIf(available && pgOk)("eventline replay (real broker, PostgreSQL)", () => {
  const prefix = `${run}.`;
  const topic = `${prefix}orders.events.v1`;
  const live = `${run}-orders-projection`;
  const rebuilt = `${run}-orders-projection-rebuilt`;
  const tables = {
    live: `projection_live_${run.replace(/-/g, "_")}`,
    rebuilt: `projection_rebuilt_${run.replace(/-/g, "_")}`,
  };
  const kafka = new Kafka({ clientId: "eventline-replay-tests", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const db = new pg.Pool(postgresConfig);
  const transports: KafkaTransport[] = [];
  const published: Published[] = [];
  let firstHalfEnd = "";
  const cli = (args: string[]) =>
    runCli([...args, "--brokers", brokers.join(","), "--prefix", prefix, "--root", ROOT], ROOT);

  /** The projection: per order, how many events and their types in the order they were folded. */
  function projector(table: string): Handler {
    return async (event) => {
      const orderId = (event.payload as { orderId: string }).orderId;
      await db.query(
        `INSERT INTO ${table} (order_id, events, history) VALUES ($1, 1, $2)
         ON CONFLICT (order_id) DO UPDATE SET events = ${table}.events + 1, history = ${table}.history || ' ' || excluded.history`,
        [orderId, event.name],
      );
    };
  }
  async function project(table: string, groupId: string, fromBeginning: boolean) {
    const transport = createKafkaTransport({ kafka, fromBeginning });
    transports.push(transport);
    const specs = messageSpecs(catalog, topic, prefix);
    const handle = projector(table);
    const consumer = createConsumer({
      transport,
      groupId,
      messages: specs,
      handlers: Object.fromEntries(specs.map((s) => [s.name, handle])),
    });
    return consumer.start();
  }
  const total = async (table: string) =>
    Number((await db.query(`SELECT coalesce(sum(events), 0) AS n FROM ${table}`)).rows[0].n);
  const rows = async (table: string) =>
    (await db.query(`SELECT order_id, events, history FROM ${table} ORDER BY order_id`)).rows;

  let catalog: Awaited<ReturnType<typeof loadCatalog>>["catalog"];

  beforeAll(async () => {
    catalog = (await loadCatalog({ root: ROOT })).catalog;
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
    for (const table of Object.values(tables)) {
      await db.query(
        `CREATE TABLE ${table} (order_id text PRIMARY KEY, events int NOT NULL, history text NOT NULL)`,
      );
    }
  });
  afterAll(async () => {
    await Promise.all(transports.map((t) => t.disconnect()));
    for (const table of Object.values(tables)) await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.end();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("a projection rebuilt from offset 0 into a new group and table equals the live one", async () => {
    const liveSubscription = await project(tables.live, live, true);
    const transport = createKafkaTransport({ kafka });
    transports.push(transport);
    const publisher = createPublisher({
      transport,
      source: "/services/orders",
      messages: messageSpecs(catalog, topic, prefix),
    });
    const sources = [...(messagesByTopic(catalog, prefix).get(topic)?.values() ?? [])].map((m) =>
      payloadSource(m, { keys: 1, poolSize: 20 }),
    );
    expect(sources.map((s) => s.message.message.name).sort()).toEqual([
      "ItemAdded",
      "OrderCancelled",
      "OrderConfirmed",
      "OrderCreated",
      "OrderShipped",
    ]);
    const orders = Array.from({ length: 12 }, () => randomUUID());
    for (let i = 0; i < 60; i++) {
      if (i === 30) {
        await new Promise((r) => setTimeout(r, 100));
        firstHalfEnd = new Date().toISOString();
        await new Promise((r) => setTimeout(r, 100));
      }
      const source = sources[i % sources.length]!;
      const payload = { ...(source.payload(i) as object), orderId: orders[i % orders.length] };
      published.push(await publisher.publish(source.message.message.name, payload));
    }
    await until(async () => (await total(tables.live)) === 60, {
      ms: 60_000,
      what: "60 events in the live projection",
    });

    // The live group consumes: it cannot be moved.
    const refused = await cli(["replay", "--channel", "ordersEvents", "--group", live, "--from", "0"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`consumer group ${live} has 1 active member(s)`);

    // By time: the second half is what a group started at that instant reads.
    const byTime = await cli([
      "replay",
      "--channel",
      "orders-service/ordersEvents",
      "--group",
      live,
      "--from",
      firstHalfEnd,
      "--to-group",
      rebuilt,
      "--dry-run",
      "--format",
      "json",
    ]);
    expect(byTime.stderr).toBe("");
    const plan = JSON.parse(byTime.stdout);
    const firstHalf = published.slice(0, 30);
    expect(
      plan.partitions.map((p: { partition: number; target: number }) => [p.partition, p.target]),
    ).toEqual(
      [0, 1, 2, 3].map((partition) => [partition, firstHalf.filter((p) => p.partition === partition).length]),
    );
    expect(plan.applied).toBe(false);

    await liveSubscription.stop();
    const copy = await cli([
      "replay",
      "--channel",
      topic,
      "--group",
      live,
      "--from",
      "0",
      "--to-group",
      rebuilt,
    ]);
    expect(copy.stderr).toBe("");
    expect(copy.code).toBe(0);
    expect(copy.stdout).toContain(`group ${rebuilt} (copied from ${live}) moved to 0`);
    // A consumer that would start at the end by itself: only the replayed position makes it read history.
    const rebuiltSubscription = await project(tables.rebuilt, rebuilt, false);
    await until(async () => (await total(tables.rebuilt)) === 60, {
      ms: 60_000,
      what: "60 events in the rebuilt projection",
    });
    await rebuiltSubscription.stop();
    const liveRows = await rows(tables.live);
    expect(liveRows).toHaveLength(12);
    expect(await rows(tables.rebuilt)).toEqual(liveRows);

    // The live group itself, now idle, back to the start.
    const reset = await cli([
      "replay",
      "--channel",
      topic,
      "--group",
      live,
      "--from",
      "earliest",
      "--format",
      "json",
    ]);
    expect(JSON.parse(reset.stdout)).toMatchObject({ applied: true, target: live });
    const [offsets] = await admin.fetchOffsets({ groupId: live, topics: [topic] });
    expect(offsets?.partitions.map((p) => p.offset)).toEqual(["0", "0", "0", "0"]);
  });
});
