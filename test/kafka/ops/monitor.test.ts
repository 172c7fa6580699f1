import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo, runCli } from "../../cli/run-cli.js";
import { adminBroker } from "../admin/broker-suite.js";
import { SHOP, type ShopCatalog, shopCatalog } from "./shop-catalog.js";

// `eventline monitor` against a group whose lag and dead-letter depth are known exactly.

const { brokers, available, run } = adminBroker("eventline monitor (real broker)");

describe.runIf(available)("eventline monitor (real broker)", () => {
  const prefix = `${run}.`;
  const orders = prefix + SHOP.topic;
  const dead = prefix + SHOP.deadLetter;
  const group = `${run}-shop`;
  const kafka = new Kafka({ clientId: "eventline-monitor-tests", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  let catalog: ShopCatalog;
  const args = () => [
    "--brokers",
    brokers.join(","),
    "--prefix",
    prefix,
    "--root",
    catalog.root,
    "--group",
    group,
  ];

  beforeAll(async () => {
    catalog = shopCatalog();
    await admin.connect();
    await producer.connect();
    await admin.createTopics({
      topics: [
        { topic: orders, numPartitions: 2 },
        { topic: dead, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    // 5 records on partition 0, 2 on partition 1; 3 dead letters.
    await producer.send({
      topic: orders,
      messages: [0, 0, 0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `r${i}` })),
    });
    await producer.send({ topic: dead, messages: [{ value: "a" }, { value: "b" }, { value: "c" }] });
    // The group read 4 of partition 0 and nothing of partition 1 yet (its committed offset there is 0).
    await admin.setOffsets({
      groupId: group,
      topic: orders,
      partitions: [
        { partition: 0, offset: "4" },
        { partition: 1, offset: "0" },
      ],
    });
  });
  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [orders, dead] }).catch(() => undefined);
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
    catalog?.remove();
  });

  it("--once --format json: lag per partition and total, dead-letter depth", async () => {
    const r = await runCli(["monitor", "--once", "--format", "json", ...args()], catalog.root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.stdout);
    expect(snapshot.groups).toEqual([
      {
        groupId: group,
        state: "Empty",
        members: 0,
        lag: 3,
        trend: null,
        topics: [
          {
            topic: orders,
            exists: true,
            lag: 3,
            partitions: [
              { partition: 0, committed: 4, start: 0, end: 5, lag: 1 },
              { partition: 1, committed: 0, start: 0, end: 2, lag: 2 },
            ],
          },
        ],
      },
    ]);
    expect(snapshot.deadLetters).toEqual([
      { topic: dead, exists: true, depth: 3, partitions: [{ partition: 0, start: 0, end: 3, depth: 3 }] },
    ]);
    expect(snapshot.totals).toEqual({ lag: 3, deadLettered: 3 });
  });

  it("without --once and without a terminal: plain snapshots appended, the trend from the second on", async () => {
    const io = captureIo(catalog.root);
    const stop = new AbortController();
    const { run: monitor } = await import("../../../src/cli/commands/monitor.js");
    const running = monitor({ ...parse(args()), interval: "0.5", format: "text" }, io, process.env, {
      tty: false,
      signal: stop.signal,
    });
    while ((io.out.stdout.match(/eventline monitor/g) ?? []).length < 2)
      await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await running).toBe(0);
    expect(io.out.stdout).not.toContain("\u001b[");
    const blocks = io.out.stdout.split("eventline monitor").slice(1);
    expect(blocks[0]).toMatch(/lag 3 {2}dead-lettered 3/);
    expect(blocks[0]).toContain("0:1 1:2");
    expect(blocks[1]).toContain("3 steady");
  });
});

function parse(argv: string[]): { brokers: string; prefix: string; root: string; group: string[] } {
  const at = (flag: string) => argv[argv.indexOf(flag) + 1]!;
  return { brokers: at("--brokers"), prefix: at("--prefix"), root: at("--root"), group: [at("--group")] };
}
