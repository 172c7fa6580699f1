import { whenChecked } from "../../mode-severity.js";
import { defineRule } from "../types.js";

export const deadLetterRemoved = defineRule({
  id: "dead-letter-removed",
  kind: "operation",
  description: "A receive operation no longer declares `x-eventline-dead-letter`.",
  severity: whenChecked("error"),
  hint: "Without a dead-letter channel a message that keeps failing either blocks its partition forever or is dropped after the retries. Keep the dead letter; to replace it, declare the new one in the same change.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old?.deadLetter || !next || next.action !== "receive" || next.deadLetter) return [];
    return [
      {
        message: `dead letter of operation "${next.key}" of service "${next.serviceId}" was removed (was ${JSON.stringify(old.deadLetter.channel)})`,
        source: next.source,
      },
    ];
  },
});
