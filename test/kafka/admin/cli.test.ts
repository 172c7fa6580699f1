import { readFileSync } from "node:fs";
import { type Admin, Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../../../src/schema/ajv.js";
import { runCli } from "../../cli/run-cli.js";
import { adminBroker } from "./broker-suite.js";
import { type ServiceSpec, type TempCatalog, tempCatalog } from "./catalogs.js";

// `eventline kafka apply|lag` through the CLI entry against the real broker. It lives under
// test/kafka/ because only that vitest project has the broker (test/kafka/global-setup.ts); the
// broker-free CLI cases are in test/cli/kafka.test.ts.

const validateLag = createAjv("2020-12").compile(
  JSON.parse(
    readFileSync(new URL("../../../schemas/kafka-lag.schema.json", import.meta.url), "utf8"),
  ) as object,
);

const SERVICES: ServiceSpec[] = [
  { name: "alpha", topic: "shared.events", partitions: 2, replicas: 1, groupId: "alpha-service" },
  {
    name: "beta",
    topic: "shared.events",
    partitions: 2,
    replicas: 1,
    groupId: "beta-service",
    topicConfiguration: { "cleanup.policy": "[delete]", "retention.ms": "86400000" },
  },
];

const temps: TempCatalog[] = [];
afterAll(() => {
  for (const t of temps.splice(0)) t.remove();
});
function catalog(services: ServiceSpec[] = SERVICES): string {
  const temp = tempCatalog(services);
  temps.push(temp);
  return temp.root;
}

const { brokers, available, run } = adminBroker("eventline kafka CLI");

describe.runIf(available)("eventline kafka apply|lag (real broker)", () => {
  let admin: Admin;
  let root: string;
  const prefix = `${run}.`;
  const base = () => ["--brokers", brokers.join(","), "--prefix", prefix];

  beforeAll(async () => {
    root = catalog();
    admin = new Kafka({ clientId: "eventline-tests", brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  });

  it("apply --dry-run --format json says what it would create and creates nothing", async () => {
    const r = await runCli(["kafka", "apply", ...base(), "--dry-run", "--format", "json"], root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      dryRun: boolean;
      actions: { topic: string; action: string; applied: boolean }[];
    };
    expect(out.dryRun).toBe(true);
    expect(out.actions.map((a) => [a.topic, a.action, a.applied])).toEqual([
      [`${prefix}alpha.dead-letter`, "created", false],
      [`${prefix}beta.dead-letter`, "created", false],
      [`${prefix}shared.events`, "created", false],
    ]);
    expect((await admin.listTopics()).filter((t) => t.startsWith(prefix))).toEqual([]);
  });

  it("apply creates the topics (exit 0), then finds them up to date (exit 0)", async () => {
    const first = await runCli(["kafka", "apply", ...base()], root);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // Columns are padded to the longest cell; compare the cells.
    expect(first.stdout.split("\n").map((line) => line.split(/ {2,}/))).toEqual([
      ["TOPIC", "ACTION", "DETAIL"],
      [`${prefix}alpha.dead-letter`, "created", "1 partition(s), replication factor broker-default"],
      [`${prefix}beta.dead-letter`, "created", "1 partition(s), replication factor broker-default"],
      [
        `${prefix}shared.events`,
        "created",
        "2 partition(s), replication factor 1, cleanup.policy=delete, retention.ms=86400000",
      ],
      [""],
      ["3 created."],
      [""],
    ]);
    const header = first.stdout.split("\n")[0]!;
    expect(header.indexOf("ACTION")).toBe(`${prefix}alpha.dead-letter`.length + 2);
    const second = await runCli(["kafka", "apply", ...base()], root);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/shared\.events +up to date +matches the contract/);
    expect(second.stdout).toContain("3 up to date.");
  });

  it("apply exits 1 when something needs a human (more replicas than brokers)", async () => {
    const many = catalog([{ name: "gamma", topic: "gamma.events", partitions: 1, replicas: 99 }]);
    const r = await runCli(["kafka", "apply", ...base()], many);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gamma\.events +needs a human +missing, and its replication factor 99 exceeds/);
    expect(r.stdout).toMatch(/1 created, 1 needs a human\.\n$/);
  });

  it("lag --format json is one object valid against schemas/kafka-lag.schema.json", async () => {
    await runCli(["kafka", "apply", ...base()], root);
    const r = await runCli(["kafka", "lag", ...base(), "--format", "json"], root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      brokers: string[];
      groups: { groupId: string; topics: { topic: string; lag: number }[] }[];
      deadLetters: { topic: string; depth: number }[];
    };
    expect(validateLag(out), JSON.stringify(validateLag.errors)).toBe(true);
    expect(out.brokers).toEqual(brokers);
    expect(out.groups.map((g) => [g.groupId, g.topics.map((t) => t.topic)])).toEqual([
      ["alpha-service", [`${prefix}shared.events`]],
      ["beta-service", [`${prefix}shared.events`]],
    ]);
    expect(out.deadLetters.map((d) => [d.topic, d.depth])).toEqual([
      [`${prefix}alpha.dead-letter`, 0],
      [`${prefix}beta.dead-letter`, 0],
    ]);
  });

  it("lag prints a table, narrowed to --group", async () => {
    const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    await producer.send({ topic: `${prefix}shared.events`, messages: [{ partition: 1, value: "x" }] });
    await producer.send({ topic: `${prefix}beta.dead-letter`, messages: [{ value: "y" }, { value: "z" }] });
    await producer.disconnect();
    const r = await runCli(["kafka", "lag", ...base(), "--group", "beta-service"], root);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^GROUP +STATE +TOPIC +PARTITION +COMMITTED +END +LAG$/);
    expect(lines.slice(1, 3).map((l) => l.split(/ +/))).toEqual([
      ["beta-service", "Dead", `${prefix}shared.events`, "0", "-", "0", "0"],
      ["beta-service", "Dead", `${prefix}shared.events`, "1", "-", "1", "1"],
    ]);
    expect(r.stdout).toContain("beta-service: total lag 1");
    expect(r.stdout).toMatch(new RegExp(`${prefix.replaceAll(".", "\\.")}beta\\.dead-letter +1 +2`));
    expect(r.stdout).not.toContain("alpha-service");
  });

  it("lag takes --group repeated or with several ids", async () => {
    for (const groups of [
      ["--group", "beta-service", "--group", "alpha-service"],
      ["--group", "beta-service", "alpha-service"],
    ]) {
      const r = await runCli(["kafka", "lag", ...base(), ...groups, "--format", "json"], root);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { groups: { groupId: string }[] };
      expect(out.groups.map((g) => g.groupId)).toEqual(["alpha-service", "beta-service"]);
    }
  });
});
