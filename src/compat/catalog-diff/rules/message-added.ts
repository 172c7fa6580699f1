import { always } from "../../mode-severity.js";
import { channelLabel, useLabel } from "../describe.js";
import { defineRule } from "../types.js";

export const messageAdded = defineRule({
  id: "message-added",
  kind: "message",
  description:
    "A message was added to an existing channel (listed so the summary describes the whole change; never breaking).",
  severity: always("info"),
  hint: "Consumers of the channel that do not know the new message type skip or dead-letter it, depending on their settings (`ignoreTypes` in the runtime); tell them before the producer sends it.",
  check(pair) {
    if (pair.old || !pair.new) return [];
    const u = pair.new;
    return [
      {
        message: `${useLabel(u)} was added to ${channelLabel(u.channel)} of service "${u.serviceId}"`,
        source: u.message.source,
        key: u.message.name,
        breaking: false,
      },
    ];
  },
});
