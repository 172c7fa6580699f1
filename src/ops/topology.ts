// What the operations commands read off the catalog: which topics are dead-letter channels and which
// consumer groups feed them, and, per topic and CloudEvents type, the message with its current
// payload schema. Nothing here talks to Kafka.
import { cloudEventsType } from "../codegen/plan.js";
import { EventlineError } from "../errors.js";
import type { Catalog, Message } from "../model/types.js";
import { fromAjv, type Validator } from "../runtime/validation.js";
import { createAjv, draftOf } from "../schema/ajv.js";

export interface DeadLetterChannel {
  /** The Kafka topic (prefixed). */
  topic: string;
  /** Channel ids (`service/channel`) that declare the topic. */
  channels: string[];
  /** The receive operations that dead-letter into it: their group and the topic they read. */
  feeders: { groupId: string | null; operation: string; topic: string }[];
}

export interface TopicMessage {
  message: Message;
  topic: string;
  type: string;
  /** Validates a payload against the message's current schema; absent when it has none usable. */
  validate?: Validator;
  /** Why there is no validator although the message has a payload schema. */
  unusableSchema?: string;
}

function topicOf(catalog: Catalog, channelId: string): string | null {
  const channel = catalog.channels.find((c) => c.id === channelId);
  return channel?.topic ?? channel?.address ?? null;
}

/** Every dead-letter channel named by an `x-eventline-dead-letter`, by topic name order. */
export function deadLetterChannels(catalog: Catalog, prefix = ""): DeadLetterChannel[] {
  const byTopic = new Map<string, DeadLetterChannel>();
  for (const operation of catalog.operations) {
    const target = operation.deadLetter?.channel;
    if (operation.action !== "receive" || typeof target !== "string") continue;
    const channel = catalog.channels.find((c) => c.serviceId === operation.serviceId && c.key === target);
    const topic = channel?.topic ?? channel?.address;
    if (!channel || !topic || topic.includes("{")) continue;
    const entry = byTopic.get(prefix + topic) ?? { topic: prefix + topic, channels: [], feeders: [] };
    if (!entry.channels.includes(channel.id)) entry.channels.push(channel.id);
    const source = topicOf(catalog, operation.channelId);
    if (source !== null) {
      entry.feeders.push({
        groupId: operation.groupId ?? null,
        operation: operation.id,
        topic: prefix + source,
      });
    }
    byTopic.set(entry.topic, entry);
  }
  return [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

/**
 * The dead-letter channel a user names: its topic, a channel id (`service/channel`), a channel key,
 * or a service id (the service's dead-letter channel, when it has exactly one).
 */
export function resolveDeadLetter(catalog: Catalog, name: string, prefix = ""): DeadLetterChannel {
  const all = deadLetterChannels(catalog, prefix);
  const exact = all.find((d) => d.topic === name || d.topic === prefix + name || d.channels.includes(name));
  if (exact) return exact;
  const matches = all.filter((d) =>
    d.channels.some((id) => id.endsWith(`/${name}`) || id.startsWith(`${name}/`)),
  );
  if (matches.length === 1) return matches[0]!;
  const known = all.map((d) => `${d.topic} (${d.channels.join(", ")})`).join("; ") || "none";
  throw new EventlineError(
    "USAGE",
    matches.length > 1
      ? `"${name}" names several dead-letter channels: ${matches.map((d) => d.topic).join(", ")}`
      : `"${name}" is not a dead-letter channel of the catalog`,
    { hint: `Name a topic, a channel id or a service. Dead-letter channels: ${known}.` },
  );
}

/**
 * The messages the catalog declares on each topic, by CloudEvents type, each with a validator for its
 * current payload schema.
 */
export function messagesByTopic(catalog: Catalog, prefix = ""): Map<string, Map<string, TopicMessage>> {
  const result = new Map<string, Map<string, TopicMessage>>();
  for (const channel of catalog.channels) {
    const topic = channel.topic ?? channel.address;
    if (!topic) continue;
    const byType = result.get(prefix + topic) ?? new Map<string, TopicMessage>();
    for (const { messageId } of channel.messages) {
      const message = catalog.messages.find((m) => m.id === messageId);
      if (!message) continue;
      const type = cloudEventsType(catalog, message);
      if (byType.has(type)) continue;
      byType.set(type, withValidator({ message, topic: prefix + topic, type }));
    }
    result.set(prefix + topic, byType);
  }
  return result;
}

function withValidator(entry: TopicMessage): TopicMessage {
  const schema = entry.message.payload?.resolved;
  if (schema === undefined || (entry.message.payload?.schemaFormat ?? "").includes("avro")) return entry;
  try {
    const validate = createAjv(draftOf(schema)).compile(schema as object);
    return { ...entry, validate: fromAjv(validate) };
  } catch (error) {
    return { ...entry, unusableSchema: error instanceof Error ? error.message : String(error) };
  }
}

/** The topic of a channel a user names: its topic, a channel id (`service/channel`) or a channel key. */
export function resolveChannelTopic(catalog: Catalog, name: string, prefix = ""): string {
  const topics = new Set<string>();
  for (const channel of catalog.channels) {
    const topic = channel.topic ?? channel.address;
    if (!topic || topic.includes("{")) continue;
    if (topic === name || prefix + topic === name || channel.id === name || channel.key === name) {
      topics.add(prefix + topic);
    }
  }
  if (topics.size === 1) return [...topics][0]!;
  throw new EventlineError(
    "USAGE",
    topics.size > 1
      ? `"${name}" names channels on several topics: ${[...topics].sort().join(", ")}`
      : `"${name}" is not a channel of the catalog`,
    { hint: "Name the channel by its topic, its id (service/channel) or its key." },
  );
}
