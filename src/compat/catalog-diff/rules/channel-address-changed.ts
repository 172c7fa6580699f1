import { whenChecked } from "../../mode-severity.js";
import { producedOn } from "../describe.js";
import { defineRule } from "../types.js";

export const channelAddressChanged = defineRule({
  id: "channel-address-changed",
  kind: "channel",
  description: "A channel keeps its key but now names another address (topic).",
  severity: whenChecked("error"),
  hint: "Services are linked by address: consumers still subscribed to the old topic receive nothing, and messages already on it are never read by the new side. Add a new channel for the new address, produce to both during a migration, then remove the old one.",
  check(pair, cx) {
    if (!pair.old || !pair.new || pair.old.address === pair.new.address) return [];
    return [
      {
        message: `channel "${pair.new.key}" of service "${pair.new.serviceId}" moved from address ${JSON.stringify(pair.old.address)} to ${JSON.stringify(pair.new.address)}`,
        source: pair.new.source,
        affects: producedOn(pair.old, cx),
      },
    ];
  },
});
