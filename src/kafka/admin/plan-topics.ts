import { EventlineError } from "../../errors.js";
import type { Catalog, Channel } from "../../model/types.js";
import { sameConfigValue, topicConfigValue } from "./topic-config.js";
import type { IgnoredSetting, PlannedTopic, PlanOptions, TopicDeclaration, TopicPlan } from "./types.js";

interface Setting<T> {
  value: T;
  at: TopicDeclaration;
}

interface Draft {
  name: string;
  deadLetter: boolean;
  declaredBy: TopicDeclaration[];
  partitions: Setting<number>[];
  replicas: Setting<number>[];
  configs: Map<string, Setting<string>[]>;
}

/** Dead-letter topics nobody sized get one partition: they hold failures, not throughput. */
const DEAD_LETTER_PARTITIONS = 1;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function where(at: TopicDeclaration): string {
  return `${at.file}:${at.line}:${at.column} (channel ${at.channelId})`;
}

/**
 * The Kafka topics the catalog asks for: every channel with a topic that is bound to Kafka (a `kafka`
 * channel binding, or a document with a Kafka server), plus the channels named by
 * `x-eventline-dead-letter`. A topic declared by several channels (every service re-declares the
 * channels it uses) is one topic; declarations that disagree on partitions, replicas or a config value
 * are an error naming each side's file:line. Pure: reads only the model.
 */
export function planTopics(catalog: Catalog, options: PlanOptions = {}): TopicPlan {
  const prefix = options.topicPrefix ?? "";
  const deadLetterChannels = deadLetterChannelIds(catalog);
  const kafkaServices = new Set(
    catalog.services
      .filter((s) => s.servers.some((server) => /^kafka/i.test(server.protocol ?? "")))
      .map((s) => s.id),
  );
  const drafts = new Map<string, Draft>();
  // Each message is complete, locations included: conflicts name both sides.
  const problems: { message: string; at: TopicDeclaration }[] = [];
  const invalid = (message: string, at: TopicDeclaration) =>
    problems.push({ message: `${where(at)}: ${message}`, at });
  const ignored: IgnoredSetting[] = [];

  for (const channel of catalog.channels) {
    const kafka = channel.bindings.kafka;
    const isDeadLetter = deadLetterChannels.has(channel.id);
    if (channel.topic === null || channel.topic.includes("{")) continue;
    if (kafka === undefined && !isDeadLetter && !kafkaServices.has(channel.serviceId)) continue;
    const name = prefix + channel.topic;
    const at = declaration(channel);
    let draft = drafts.get(name);
    if (!draft) {
      draft = { name, deadLetter: false, declaredBy: [], partitions: [], replicas: [], configs: new Map() };
      drafts.set(name, draft);
    }
    draft.deadLetter ||= isDeadLetter;
    draft.declaredBy.push(at);
    if (kafka === undefined) continue;
    if (!isRecord(kafka)) {
      invalid(`the kafka binding of channel ${channel.id} is not an object`, at);
      continue;
    }
    for (const [key, list] of [
      ["partitions", draft.partitions],
      ["replicas", draft.replicas],
    ] as const) {
      const value = kafka[key];
      if (value === undefined) continue;
      if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) list.push({ value, at });
      else
        invalid(`${key} of topic "${name}" is ${JSON.stringify(value)}; it must be a positive integer`, at);
    }
    const topicConfiguration = kafka.topicConfiguration;
    if (topicConfiguration === undefined) continue;
    if (!isRecord(topicConfiguration)) {
      invalid(`topicConfiguration of topic "${name}" is not an object`, at);
      continue;
    }
    for (const [configName, raw] of Object.entries(topicConfiguration)) {
      const result = topicConfigValue(configName, raw);
      if ("ignored" in result) {
        ignored.push({ topic: name, name: configName, reason: result.ignored, at });
      } else if (!result.ok) {
        invalid(`topicConfiguration ${configName} of topic "${name}" ${result.problem}`, at);
      } else {
        const list = draft.configs.get(configName) ?? [];
        list.push({ value: result.value, at });
        draft.configs.set(configName, list);
      }
    }
  }

  const topics: PlannedTopic[] = [];
  for (const draft of [...drafts.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const settle = <T>(
      label: string,
      settings: Setting<T>[],
      same: (a: T, b: T) => boolean,
    ): T | undefined => {
      const distinct: Setting<T>[] = [];
      for (const s of settings) if (!distinct.some((d) => same(d.value, s.value))) distinct.push(s);
      if (distinct.length > 1) {
        problems.push({
          message:
            `topic "${draft.name}" is declared with different ${label}: ` +
            distinct.map((d) => `${JSON.stringify(d.value)} at ${where(d.at)}`).join(" and "),
          at: distinct[0]!.at,
        });
      }
      return distinct[0]?.value;
    };
    const topic: PlannedTopic = {
      name: draft.name,
      configs: {},
      deadLetter: draft.deadLetter,
      declaredBy: draft.declaredBy,
    };
    const partitions = settle("partitions", draft.partitions, (a, b) => a === b);
    if (partitions !== undefined) topic.partitions = partitions;
    else if (draft.deadLetter) topic.partitions = DEAD_LETTER_PARTITIONS;
    const replicas = settle("replicas", draft.replicas, (a, b) => a === b);
    if (options.replicationFactor !== undefined) topic.replicationFactor = options.replicationFactor;
    else if (replicas !== undefined) topic.replicationFactor = replicas;
    for (const [configName, settings] of [...draft.configs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const value = settle(configName, settings, (a, b) => sameConfigValue(configName, a, b));
      if (value !== undefined) topic.configs[configName] = value;
    }
    topics.push(topic);
  }

  if (problems.length > 0) {
    const first = problems[0]!.at;
    throw new EventlineError(
      "INPUT_INVALID",
      problems.length === 1
        ? problems[0]!.message
        : `the catalog's Kafka topics are inconsistent:\n${problems.map((p) => `  ${p.message}`).join("\n")}`,
      {
        file: first.file,
        line: first.line,
        column: first.column,
        hint: "Every channel that declares a topic must give it the same partitions, replicas and topicConfiguration; make the Kafka bindings agree.",
      },
    );
  }
  return { topics, ignored };
}

function declaration(channel: Channel): TopicDeclaration {
  return {
    channelId: channel.id,
    file: channel.source.file,
    line: channel.source.line,
    column: channel.source.column,
  };
}

/** Channel ids named by `x-eventline-dead-letter` (a channel key of the operation's own document). */
function deadLetterChannelIds(catalog: Catalog): Set<string> {
  const ids = new Set<string>();
  for (const operation of catalog.operations) {
    const target = operation.deadLetter?.channel;
    if (operation.action !== "receive" || typeof target !== "string") continue;
    const channel = catalog.channels.find((c) => c.serviceId === operation.serviceId && c.key === target);
    if (channel) ids.add(channel.id);
  }
  return ids;
}
