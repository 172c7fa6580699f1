import type { Catalog } from "../../model/types.js";
import type { LagTarget, TopicPlan } from "./types.js";

/**
 * The consumer groups of the catalog's receive operations (Kafka `groupId` binding), each with the
 * topics its operations read, and the dead-letter topics of the plan. `groups` narrows to those ids;
 * an id the catalog does not know is kept, with only the topics it has committed on.
 */
export function lagTargetsFromCatalog(
  catalog: Catalog,
  plan: TopicPlan,
  options: { groups?: readonly string[]; topicPrefix?: string } = {},
): { groups: LagTarget[]; deadLetterTopics: string[] } {
  const prefix = options.topicPrefix ?? "";
  const byGroup = new Map<string, Set<string>>();
  for (const operation of catalog.operations) {
    if (operation.action !== "receive" || operation.groupId === undefined) continue;
    const topic = catalog.channels.find((c) => c.id === operation.channelId)?.topic;
    const topics = byGroup.get(operation.groupId) ?? new Set<string>();
    if (topic !== null && topic !== undefined) topics.add(prefix + topic);
    byGroup.set(operation.groupId, topics);
  }
  const ids =
    options.groups && options.groups.length > 0 ? [...new Set(options.groups)] : [...byGroup.keys()];
  return {
    groups: ids.sort().map((groupId) => ({ groupId, topics: [...(byGroup.get(groupId) ?? [])].sort() })),
    deadLetterTopics: plan.topics.filter((t) => t.deadLetter).map((t) => t.name),
  };
}
