import { whenChecked } from "../../mode-severity.js";
import { producedOn } from "../describe.js";
import { defineRule } from "../types.js";

export const topicChanged = defineRule({
  id: "topic-changed",
  kind: "channel",
  description: "The Kafka topic (`bindings.kafka.topic`) of a channel changed while its address stayed.",
  severity: whenChecked("error"),
  hint: "Producers and consumers meet on the topic: the two sides now use different topics and messages already retained on the old one are not read. Produce to both topics during a migration, or add a new channel.",
  check(pair, cx) {
    const { old, new: next } = pair;
    // An address change moves the default topic too; channel-address-changed reports that.
    if (!old || !next || old.address !== next.address || old.topic === next.topic) return [];
    return [
      {
        message: `Kafka topic of channel "${next.key}" of service "${next.serviceId}" changed from ${JSON.stringify(old.topic)} to ${JSON.stringify(next.topic)}`,
        source: next.source,
        affects: producedOn(old, cx),
      },
    ];
  },
});
