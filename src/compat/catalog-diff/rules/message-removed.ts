import { whenChecked } from "../../mode-severity.js";
import { channelLabel, sends, useLabel } from "../describe.js";
import { messageNamesOf } from "../match.js";
import { defineRule, type RuleFinding } from "../types.js";

export const messageRemoved = defineRule({
  id: "message-removed",
  kind: "message",
  description: "A message was removed from a channel or from an operation.",
  severity: whenChecked("error"),
  hint: "Consumers of the message stop receiving it (or a producer's messages are no longer read). Deprecate the message, move its consumers to its replacement, then remove it.",
  check(pair, cx) {
    const out: RuleFinding[] = [];
    if (pair.old && !pair.new) {
      const u = pair.old;
      out.push({
        message: `${useLabel(u)} was removed from ${channelLabel(u.channel)} of service "${u.serviceId}"`,
        source: u.channel.source,
        key: u.message.name,
        ...(sends(u)
          ? { affects: [{ address: u.address, messageName: u.message.name, producerGone: true }] }
          : {}),
      });
    }
    // Still on the channel, but dropped from an operation that kept existing.
    if (pair.old && pair.new) {
      const name = pair.old.message.name;
      for (const op of pair.old.operations) {
        const now = pair.new.operations.find((o) => o.key === op.key);
        const newOp = cx.new.operations.find((o) => o.serviceId === op.serviceId && o.key === op.key);
        if (now || !newOp || messageNamesOf(newOp, cx.new).includes(name)) continue;
        out.push({
          message: `message "${name}" was removed from ${op.action} operation "${op.key}" of service "${op.serviceId}"`,
          source: newOp.source,
          key: name,
          ...(op.action === "send"
            ? { affects: [{ address: pair.old.address, messageName: name, producerGone: true }] }
            : {}),
        });
      }
    }
    return out;
  },
});
