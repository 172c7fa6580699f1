import { always } from "../../mode-severity.js";
import { defineRule } from "../types.js";

export const operationAdded = defineRule({
  id: "operation-added",
  kind: "operation",
  description:
    "A service gained a send or receive operation (listed so the summary describes the whole change; never breaking).",
  severity: always("info"),
  hint: "A new producer must write what the channel's consumers read, and a new consumer must read what is already on the topic: the payload rules check both when the messages are shared.",
  check(pair) {
    if (pair.old || !pair.new) return [];
    const op = pair.new;
    const channel = pair.newChannel?.address ?? pair.newChannel?.key ?? op.channelId;
    return [
      {
        message: `service "${op.serviceId}" gained ${op.action} operation "${op.key}" on ${channel}`,
        source: op.source,
        breaking: false,
      },
    ];
  },
});
