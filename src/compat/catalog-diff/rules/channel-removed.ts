import { whenChecked } from "../../mode-severity.js";
import { channelLabel, producedOn } from "../describe.js";
import { defineRule } from "../types.js";

export const channelRemoved = defineRule({
  id: "channel-removed",
  kind: "channel",
  description: "A channel of a service was removed.",
  severity: whenChecked("error"),
  hint: "Consumers of the topic stop receiving messages and producers to it fail their contract. Deprecate the channel first (keep it, mark it in its description), move every consumer off it, then remove it.",
  check(pair, cx) {
    if (!pair.old || pair.new) return [];
    return [
      {
        message: `${channelLabel(pair.old)} of service "${pair.old.serviceId}" was removed`,
        source: pair.old.source,
        affects: producedOn(pair.old, cx),
      },
    ];
  },
});
