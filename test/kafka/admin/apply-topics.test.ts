import { type Admin, ConfigResourceTypes, Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTopics } from "../../../src/kafka/admin/apply-topics.js";
import type { PlannedTopic, TopicPlan } from "../../../src/kafka/admin/types.js";
import { adminBroker } from "./broker-suite.js";

const { brokers, available, run } = adminBroker("Kafka topic apply");

function topic(name: string, settings: Partial<PlannedTopic> = {}): PlannedTopic {
  return { name: `${run}.${name}`, configs: {}, deadLetter: false, declaredBy: [], ...settings };
}
const plan = (...topics: PlannedTopic[]): TopicPlan => ({ topics, ignored: [] });

describe.runIf(available)("applyTopics (real broker)", () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = new Kafka({ clientId: "eventline-tests", brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(run));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  });

  const partitionsOf = async (name: string) =>
    (await admin.fetchTopicMetadata({ topics: [name] })).topics[0]!.partitions.length;
  const configsOf = async (name: string, names: string[]) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: names }],
    });
    return Object.fromEntries(resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
  };

  it("creates missing topics, then finds them up to date", async () => {
    const wanted = plan(
      topic("a", {
        partitions: 3,
        replicationFactor: 1,
        configs: { "cleanup.policy": "compact,delete", "retention.ms": "3600000" },
      }),
      topic("dlq", { partitions: 1, deadLetter: true }),
    );
    const first = await applyTopics(admin, wanted);
    expect(first).toMatchObject({ dryRun: false, needsHuman: false });
    expect(first.actions.map((a) => [a.topic, a.action, a.applied])).toEqual([
      [`${run}.a`, "created", true],
      [`${run}.dlq`, "created", true],
    ]);
    expect(first.actions[0]!.detail).toBe(
      "3 partition(s), replication factor 1, cleanup.policy=compact,delete, retention.ms=3600000",
    );
    expect(await partitionsOf(`${run}.a`)).toBe(3);
    expect(await configsOf(`${run}.a`, ["cleanup.policy", "retention.ms"])).toEqual({
      "cleanup.policy": "compact,delete",
      "retention.ms": "3600000",
    });
    const second = await applyTopics(admin, wanted);
    expect(second.actions.map((a) => a.action)).toEqual(["up-to-date", "up-to-date"]);
    expect(second.needsHuman).toBe(false);
  });

  it("adds partitions and updates configs, keeping the topic's other settings", async () => {
    await applyTopics(
      admin,
      plan(
        topic("b", { partitions: 2, configs: { "cleanup.policy": "compact", "retention.ms": "1000000" } }),
      ),
    );
    const report = await applyTopics(
      admin,
      plan(
        topic("b", { partitions: 4, configs: { "retention.ms": "2000000", "max.message.bytes": "2000000" } }),
      ),
    );
    expect(report.actions.map((a) => a.action)).toEqual(["partitions-increased", "config-updated"]);
    expect(report.actions[0]).toMatchObject({ partitions: { from: 2, to: 4 }, applied: true });
    expect(report.actions[1]!.configs).toEqual([
      { name: "retention.ms", from: "1000000", to: "2000000" },
      { name: "max.message.bytes", from: "1048588", to: "2000000" },
    ]);
    expect(await partitionsOf(`${run}.b`)).toBe(4);
    // AlterConfigs replaces the whole set: cleanup.policy would be back to `delete` if it were not resent.
    expect(await configsOf(`${run}.b`, ["cleanup.policy", "retention.ms", "max.message.bytes"])).toEqual({
      "cleanup.policy": "compact",
      "retention.ms": "2000000",
      "max.message.bytes": "2000000",
    });
  });

  it("changes nothing in a dry run, and says what it would do", async () => {
    await applyTopics(admin, plan(topic("c", { partitions: 1 })));
    const before = await admin.listTopics();
    const report = await applyTopics(
      admin,
      plan(topic("c", { partitions: 2, configs: { "retention.ms": "5000" } }), topic("d", { partitions: 1 })),
      { dryRun: true },
    );
    expect(report.actions.map((a) => [a.topic, a.action, a.applied])).toEqual([
      [`${run}.c`, "partitions-increased", false],
      [`${run}.c`, "config-updated", false],
      [`${run}.d`, "created", false],
    ]);
    expect((await admin.listTopics()).sort()).toEqual(before.sort());
    expect(await partitionsOf(`${run}.c`)).toBe(1);
    expect(await configsOf(`${run}.c`, ["retention.ms"])).toEqual({ "retention.ms": "604800000" });
  });

  it("reports fewer partitions and another replication factor for a human, and changes neither", async () => {
    await applyTopics(admin, plan(topic("e", { partitions: 3 })));
    const report = await applyTopics(admin, plan(topic("e", { partitions: 2, replicationFactor: 3 })));
    expect(report.needsHuman).toBe(true);
    expect(report.actions.map((a) => a.action)).toEqual(["needs-human", "needs-human"]);
    expect(report.actions[0]!.detail).toMatch(
      /has 3 partitions, the contract asks for 2: Kafka cannot remove partitions/,
    );
    expect(report.actions[1]).toMatchObject({ replicationFactor: { actual: 1, planned: 3 } });
    expect(await partitionsOf(`${run}.e`)).toBe(3);
  });

  it("does not try to create a topic with more replicas than brokers", async () => {
    const report = await applyTopics(admin, plan(topic("f", { partitions: 1, replicationFactor: 99 })));
    expect(report.actions).toMatchObject([{ action: "needs-human", applied: false }]);
    expect(report.actions[0]!.detail).toMatch(/replication factor 99 exceeds the cluster's \d+ broker\(s\)/);
    expect(await admin.listTopics()).not.toContain(`${run}.f`);
  });

  it("reports a config the broker refuses as needing a human, for a new and an existing topic", async () => {
    const created = await applyTopics(
      admin,
      plan(topic("g", { partitions: 1, configs: { "no.such.config": "1" } })),
    );
    expect(created.actions).toMatchObject([{ action: "needs-human", applied: false }]);
    expect(created.actions[0]!.detail).toMatch(/^the broker refused to create it: /);
    await applyTopics(admin, plan(topic("h", { partitions: 1 })));
    const updated = await applyTopics(
      admin,
      plan(topic("h", { partitions: 1, configs: { "retention.ms": "not-a-number" } })),
    );
    expect(updated.actions).toMatchObject([{ action: "needs-human", applied: false }]);
    expect(updated.actions[0]!.detail).toMatch(/the broker refused: /);
  });
});
