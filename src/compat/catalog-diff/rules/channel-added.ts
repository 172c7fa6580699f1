import { always } from "../../mode-severity.js";
import { channelLabel } from "../describe.js";
import { defineRule } from "../types.js";

export const channelAdded = defineRule({
  id: "channel-added",
  kind: "channel",
  description:
    "A service gained a channel (listed so the summary describes the whole change; never breaking).",
  severity: always("info"),
  hint: "Nothing reads from or writes to a new channel yet, so no existing party breaks. Make sure its topic exists (eventline kafka topics) before the producer deploys.",
  check(pair) {
    if (pair.old || !pair.new) return [];
    return [
      {
        message: `${channelLabel(pair.new)} was added to service "${pair.new.serviceId}"`,
        source: pair.new.source,
        breaking: false,
      },
    ];
  },
});
