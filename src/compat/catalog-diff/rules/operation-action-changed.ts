import { whenChecked } from "../../mode-severity.js";
import { defineRule } from "../types.js";

export const operationActionChanged = defineRule({
  id: "operation-action-changed",
  kind: "operation",
  description: "An operation flipped between send and receive (2.x: publish and subscribe).",
  severity: whenChecked("error"),
  hint: "The service now plays the opposite role on the channel: its old consumers get nothing and its old producers lose a reader. Add a new operation for the new role instead; in 2.x remember that `publish` means the application receives.",
  check(pair) {
    if (!pair.old || !pair.new || pair.old.action === pair.new.action) return [];
    return [
      {
        message: `operation "${pair.new.key}" of service "${pair.new.serviceId}" changed from ${pair.old.action} to ${pair.new.action}`,
        source: pair.new.source,
      },
    ];
  },
});
