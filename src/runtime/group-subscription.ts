import { EventlineRuntimeError } from "./errors.js";

/** A subscription as text, the same for the same topics in any order: `[a, b]`. */
export function subscriptionText(topics: readonly string[]): string {
  return `[${[...new Set(topics)].sort().join(", ")}]`;
}

/**
 * The error for a member that would join a consumer group whose members subscribe to other topics.
 * kafkajs's group leader assigns only the topics it subscribes to itself, and a member drops the
 * assigned topics it does not subscribe to, so on Kafka such a group silently leaves partitions unread.
 */
export function subscriptionMismatch(
  groupId: string,
  joining: string,
  members: string,
): EventlineRuntimeError {
  return new EventlineRuntimeError(
    "GROUP_SUBSCRIPTION_MISMATCH",
    `consumer group "${groupId}": a member subscribing to ${joining} cannot join members subscribing to ${members}; ` +
      "on Kafka (kafkajs) the group leader assigns only the topics it subscribes to and members drop the others, " +
      "so partitions would go unread. Subscribe every member of a group to the same topics: one consumer per group.",
  );
}
