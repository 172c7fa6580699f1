import type { Admin, ConfigEntries } from "kafkajs";
import { ConfigSource } from "kafkajs";
import { describe, expect, it } from "vitest";
import { applyTopics } from "../../../src/kafka/admin/apply-topics.js";
import type { TopicPlan } from "../../../src/kafka/admin/types.js";

// Refusals a single Apache Kafka broker cannot be made to produce on demand (no topic config is
// sensitive there; adding partitions is refused only by policies or quotas), on a scripted admin.

function entry(configName: string, configValue: string, extra: Partial<ConfigEntries> = {}): ConfigEntries {
  return {
    configName,
    configValue,
    isDefault: false,
    configSource: ConfigSource.TOPIC_CONFIG,
    isSensitive: false,
    readOnly: false,
    configSynonyms: [],
    ...extra,
  };
}

function scriptedAdmin(entries: ConfigEntries[], calls: string[]): Admin {
  const admin = {
    listTopics: async () => ["t"],
    describeCluster: async () => ({
      brokers: [{ nodeId: 1, host: "h", port: 1 }],
      controller: 1,
      clusterId: "c",
    }),
    fetchTopicMetadata: async () => ({
      topics: [
        {
          name: "t",
          partitions: [
            {
              partitionId: 0,
              leader: 1,
              replicas: [1],
              isr: [1],
              partitionErrorCode: 0,
              offlineReplicas: [],
            },
          ],
        },
      ],
    }),
    describeConfigs: async () => ({
      throttleTime: 0,
      resources: [
        { resourceName: "t", resourceType: 2, errorCode: 0, errorMessage: "", configEntries: entries },
      ],
    }),
    createPartitions: async () => {
      calls.push("createPartitions");
      throw Object.assign(new Error("Topic creation policy refused"), { name: "KafkaJSProtocolError" });
    },
    alterConfigs: async () => {
      calls.push("alterConfigs");
      return {};
    },
  };
  return admin as unknown as Admin;
}

const plan = (settings: Partial<TopicPlan["topics"][number]>): TopicPlan => ({
  topics: [{ name: "t", configs: {}, deadLetter: false, declaredBy: [], ...settings }],
  ignored: [],
});

describe("applyTopics refusals", () => {
  it("does not update configs when the topic sets a sensitive one it cannot send back", async () => {
    const calls: string[] = [];
    const admin = scriptedAdmin(
      [entry("retention.ms", "1000"), entry("some.secret", "", { isSensitive: true })],
      calls,
    );
    const report = await applyTopics(admin, plan({ partitions: 1, configs: { "retention.ms": "2000" } }));
    expect(report.needsHuman).toBe(true);
    expect(report.actions).toMatchObject([
      {
        action: "needs-human",
        applied: false,
        configs: [{ name: "retention.ms", from: "1000", to: "2000" }],
      },
    ]);
    expect(report.actions[0]!.detail).toMatch(
      /sensitive configs \(some\.secret\) that an update would erase/,
    );
    expect(calls).toEqual([]);
  });

  it("reports a refused partition increase with the broker's message", async () => {
    const calls: string[] = [];
    const report = await applyTopics(scriptedAdmin([], calls), plan({ partitions: 3 }));
    expect(calls).toEqual(["createPartitions"]);
    expect(report.actions).toMatchObject([
      { action: "needs-human", applied: false, partitions: { from: 1, to: 3 } },
    ]);
    expect(report.actions[0]!.detail).toBe(
      "the broker refused 1 → 3 partitions: Topic creation policy refused",
    );
  });
});
