import type { Admin, ConfigEntries, ConfigResourceTypes, ConfigSource } from "kafkajs";
import { sameConfigValue } from "./topic-config.js";
import type { ApplyAction, ApplyReport, ConfigChange, PlannedTopic, TopicPlan } from "./types.js";

// kafkajs is CommonJS, and Node's ESM loader does not find these enums among its named exports (only
// the first few are detectable), so their values are written out: ConfigResourceTypes.TOPIC and
// ConfigSource.TOPIC_CONFIG.
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;
const TOPIC_CONFIG_SOURCE = 1 as ConfigSource;

/** Settings of {@link applyTopics}. */
export interface ApplyOptions {
  /** Work out the actions without changing anything. */
  dryRun?: boolean;
}

interface ExistingTopic {
  partitions: number;
  replicationFactor: number;
  /** Every config the topic itself sets (config source TOPIC_CONFIG). */
  own: ConfigEntries[];
  /** Effective value of every config, whatever its source. */
  effective: Map<string, string>;
}

/**
 * Makes the cluster match the plan where that is safe: creates missing topics, adds partitions, and
 * updates topic configs. What is not safe is reported as `needs-human` and left alone: fewer
 * partitions (it would remap keys; Kafka cannot do it anyway), a different replication factor (a
 * reassignment is an operator's decision), and a create the cluster cannot satisfy.
 */
export async function applyTopics(
  admin: Admin,
  plan: TopicPlan,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const dryRun = options.dryRun ?? false;
  const names = new Set(await admin.listTopics());
  const existing = await describeTopics(
    admin,
    plan.topics.filter((t) => names.has(t.name)).map((t) => t.name),
  );
  const brokers = (await admin.describeCluster()).brokers.length;
  const actions: ApplyAction[] = [];
  for (const topic of plan.topics) {
    const current = existing.get(topic.name);
    actions.push(
      ...(current
        ? await reconcile(admin, topic, current, dryRun)
        : await create(admin, topic, brokers, dryRun)),
    );
  }
  return { dryRun, actions, needsHuman: actions.some((a) => a.action === "needs-human") };
}

async function describeTopics(admin: Admin, topics: string[]): Promise<Map<string, ExistingTopic>> {
  const out = new Map<string, ExistingTopic>();
  if (topics.length === 0) return out;
  const metadata = await admin.fetchTopicMetadata({ topics });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: TOPIC_RESOURCE, name })),
  });
  for (const topic of metadata.topics) {
    const resource = configs.resources.find((r) => r.resourceName === topic.name);
    const entries = resource?.configEntries ?? [];
    out.set(topic.name, {
      partitions: topic.partitions.length,
      replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
      own: entries.filter((e) => e.configSource === TOPIC_CONFIG_SOURCE),
      effective: new Map(entries.map((e) => [e.configName, e.configValue])),
    });
  }
  return out;
}

function brokerMessage(error: unknown): string {
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0) {
    return nested.map((e) => (e instanceof Error ? e.message : String(e))).join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

function describeConfigs(configs: Record<string, string>): string {
  return Object.entries(configs)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

async function create(
  admin: Admin,
  topic: PlannedTopic,
  brokers: number,
  dryRun: boolean,
): Promise<ApplyAction[]> {
  const rf = topic.replicationFactor;
  const base = { topic: topic.name, ...(rf !== undefined ? { replicationFactor: { planned: rf } } : {}) };
  if (rf !== undefined && rf > brokers) {
    return [
      {
        ...base,
        action: "needs-human",
        applied: false,
        detail:
          `missing, and its replication factor ${rf} exceeds the cluster's ${brokers} broker(s): add brokers, ` +
          "or create it with --replication-factor",
      },
    ];
  }
  const parts = [
    `${topic.partitions ?? "broker-default"} partition(s)`,
    `replication factor ${rf ?? "broker-default"}`,
  ];
  if (Object.keys(topic.configs).length > 0) parts.push(describeConfigs(topic.configs));
  const action: ApplyAction = {
    ...base,
    action: "created",
    applied: !dryRun,
    detail: parts.join(", "),
    ...(topic.partitions !== undefined ? { partitions: { to: topic.partitions } } : {}),
    configs: Object.entries(topic.configs).map(([name, to]) => ({ name, from: null, to })),
  };
  if (dryRun) return [action];
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: topic.name,
          ...(topic.partitions !== undefined ? { numPartitions: topic.partitions } : {}),
          ...(rf !== undefined ? { replicationFactor: rf } : {}),
          configEntries: Object.entries(topic.configs).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  } catch (error) {
    return [
      {
        ...base,
        action: "needs-human",
        applied: false,
        detail: `the broker refused to create it: ${brokerMessage(error)}`,
      },
    ];
  }
  return [action];
}

async function reconcile(
  admin: Admin,
  topic: PlannedTopic,
  current: ExistingTopic,
  dryRun: boolean,
): Promise<ApplyAction[]> {
  const actions: ApplyAction[] = [];
  const name = topic.name;

  if (topic.partitions !== undefined && current.partitions > topic.partitions) {
    actions.push({
      topic: name,
      action: "needs-human",
      applied: false,
      detail:
        `has ${current.partitions} partitions, the contract asks for ${topic.partitions}: Kafka cannot remove ` +
        "partitions; migrate to a new topic by hand, or declare the current count",
      partitions: { from: current.partitions, to: topic.partitions },
    });
  } else if (topic.partitions !== undefined && current.partitions < topic.partitions) {
    const action: ApplyAction = {
      topic: name,
      action: "partitions-increased",
      applied: !dryRun,
      detail: `${current.partitions} → ${topic.partitions} partitions (keys hash to new partitions from now on)`,
      partitions: { from: current.partitions, to: topic.partitions },
    };
    if (!dryRun) {
      try {
        await admin.createPartitions({ topicPartitions: [{ topic: name, count: topic.partitions }] });
      } catch (error) {
        action.action = "needs-human";
        action.applied = false;
        action.detail = `the broker refused ${current.partitions} → ${topic.partitions} partitions: ${brokerMessage(error)}`;
      }
    }
    actions.push(action);
  }

  if (topic.replicationFactor !== undefined && current.replicationFactor !== topic.replicationFactor) {
    actions.push({
      topic: name,
      action: "needs-human",
      applied: false,
      detail:
        `replication factor is ${current.replicationFactor}, the contract asks for ${topic.replicationFactor}: ` +
        "reassign the partitions by hand (kafka-reassign-partitions)",
      replicationFactor: { actual: current.replicationFactor, planned: topic.replicationFactor },
    });
  }

  const changes: ConfigChange[] = [];
  for (const [config, to] of Object.entries(topic.configs)) {
    const from = current.effective.get(config);
    if (from === undefined || !sameConfigValue(config, from, to))
      changes.push({ name: config, from: from ?? null, to });
  }
  if (changes.length > 0) actions.push(await updateConfigs(admin, name, current, changes, dryRun));

  if (actions.length === 0) {
    actions.push({ topic: name, action: "up-to-date", applied: false, detail: "matches the contract" });
  }
  return actions;
}

/**
 * kafkajs 2.2 speaks AlterConfigs, not IncrementalAlterConfigs: the request replaces every config the
 * topic sets. So the topic's own settings are sent back along with the changes, or they would reset.
 */
async function updateConfigs(
  admin: Admin,
  topic: string,
  current: ExistingTopic,
  changes: ConfigChange[],
  dryRun: boolean,
): Promise<ApplyAction> {
  const detail = changes.map((c) => `${c.name}: ${c.from ?? "(default)"} → ${c.to}`).join(", ");
  const hidden = current.own.filter((e) => e.isSensitive && !changes.some((c) => c.name === e.configName));
  if (hidden.length > 0) {
    return {
      topic,
      action: "needs-human",
      applied: false,
      detail: `${detail}; not applied: the topic sets sensitive configs (${hidden.map((e) => e.configName).join(", ")}) that an update would erase`,
      configs: changes,
    };
  }
  const action: ApplyAction = { topic, action: "config-updated", applied: !dryRun, detail, configs: changes };
  if (dryRun) return action;
  const entries = new Map(current.own.map((e) => [e.configName, e.configValue]));
  for (const c of changes) entries.set(c.name, c.to);
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: TOPIC_RESOURCE,
          name: topic,
          configEntries: [...entries].map(([name, value]) => ({ name, value })),
        },
      ],
    });
  } catch (error) {
    return {
      ...action,
      action: "needs-human",
      applied: false,
      detail: `${detail}; the broker refused: ${brokerMessage(error)}`,
    };
  }
  return action;
}
