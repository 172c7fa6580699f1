import { whenChecked } from "../../mode-severity.js";
import { messageNamesOf } from "../match.js";
import { defineRule } from "../types.js";

export const operationRemoved = defineRule({
  id: "operation-removed",
  kind: "operation",
  description: "An operation of a service was removed.",
  severity: whenChecked("error"),
  hint: "A removed send operation means consumers stop receiving those messages; a removed receive operation means messages pile up unread (warn). Deprecate the operation first and remove it once no other service relies on it.",
  check(pair, cx) {
    const op = pair.old;
    if (!op || pair.new) return [];
    // Its channel went too: channel-removed already says so (in 2.x operations live inside channels).
    if (
      !pair.oldChannel ||
      !cx.new.channels.some((c) => c.serviceId === op.serviceId && c.key === pair.oldChannel?.key)
    )
      return [];
    const send = op.action === "send";
    const address = pair.oldChannel?.address ?? pair.oldChannel?.key;
    return [
      {
        message: `${op.action} operation "${op.key}" of service "${op.serviceId}" was removed`,
        source: op.source,
        ...(send ? {} : { severity: "warn" as const, breaking: false }),
        ...(send && address !== undefined
          ? {
              affects: messageNamesOf(op, cx.old).map((messageName) => ({
                address,
                messageName,
                producerGone: true,
              })),
            }
          : {}),
      },
    ];
  },
});
