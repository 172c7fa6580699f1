import type { Channel, Message } from "../../model/types.js";
import { channelLabel, list, lookup, nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

export const orderedChannelNeedsPartitionKey: LintRule = {
  id: "ordered-channel-needs-partition-key",
  description:
    "Every message on a channel with x-eventline-ordering: per-key declares x-eventline-partition-key.",
  defaultSeverity: "error",
  hint:
    "Kafka keeps order only within a partition, and the key picks the partition. Without a key the " +
    "messages of one entity are spread over partitions and consumed out of order. Set " +
    "`x-eventline-partition-key` to a pointer to the entity id in the payload, e.g. `/orderId`.",
  docs: "docs/rules/ordered-channel-needs-partition-key.md",
  check(catalog) {
    const find = lookup(catalog);
    // A message shared by several per-key channels is one finding that lists them all.
    const unkeyed = new Map<string, { message: Message; channels: Channel[] }>();
    const note = (message: Message | undefined, channel: Channel) => {
      if (!message || message.partitionKey !== undefined) return;
      const entry = unkeyed.get(message.id) ?? { message, channels: [] };
      if (!entry.channels.includes(channel)) entry.channels.push(channel);
      unkeyed.set(message.id, entry);
    };
    for (const channel of nodes(catalog.channels)) {
      if (channel.ordering !== "per-key") continue;
      for (const ref of nodes(channel.messages)) note(find.message(ref.messageId), channel);
    }
    // Operations may list messages the channel itself does not (they are still sent on it).
    for (const operation of nodes(catalog.operations)) {
      const channel = find.channel(operation.channelId);
      if (channel?.ordering !== "per-key") continue;
      for (const message of find.messagesOf(operation)) note(message, channel);
    }
    const findings: LintFinding[] = [];
    for (const { message, channels } of unkeyed.values()) {
      // Producer and consumer documents declare the same topic each: name an address once.
      const names = [...new Set(list(channels).map((c) => `"${channelLabel(c)}"`))];
      findings.push({
        message:
          `message "${message.name}" is on per-key ordered channel${names.length > 1 ? "s" : ""} ${names.join(", ")} ` +
          "but has no x-eventline-partition-key",
        at: message.source,
      });
    }
    return findings;
  },
};
