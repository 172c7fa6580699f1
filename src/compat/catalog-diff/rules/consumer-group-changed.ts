import { whenChecked } from "../../mode-severity.js";
import { defineRule } from "../types.js";

export const consumerGroupChanged = defineRule({
  id: "consumer-group-changed",
  kind: "operation",
  description:
    "The Kafka consumer group (`bindings.kafka.groupId`) of a receive operation changed or was removed.",
  severity: whenChecked("error"),
  hint: "Committed offsets belong to the group: a new group starts from `auto.offset.reset`, so the consumer either reprocesses the whole retention or skips everything published meanwhile. Keep the group id; if it must change, copy the offsets to the new group before switching.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old || !next || next.action !== "receive" || old.groupId === undefined) return [];
    if (old.groupId === next.groupId) return [];
    return [
      {
        message: `consumer group of operation "${next.key}" of service "${next.serviceId}" changed from ${JSON.stringify(old.groupId)} to ${next.groupId === undefined ? "(none)" : JSON.stringify(next.groupId)}`,
        source: next.source,
      },
    ];
  },
});
