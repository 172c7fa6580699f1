import { whenChecked } from "../../mode-severity.js";
import { channelLabel } from "../describe.js";
import { defineRule } from "../types.js";

export const partitionsDecreased = defineRule({
  id: "partitions-decreased",
  kind: "channel",
  description: "The Kafka channel binding declares fewer `partitions`.",
  severity: whenChecked("error"),
  hint: "Kafka cannot remove partitions: the topic must be recreated, which loses retained messages and remaps every key to another partition (per-key order breaks across the switch). Keep the partition count; add partitions only when consumers tolerate the remapping.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old || !next || old.partitions === undefined || next.partitions === undefined) return [];
    if (next.partitions >= old.partitions) return [];
    return [
      {
        message: `partitions of ${channelLabel(next)} decreased from ${old.partitions} to ${next.partitions}`,
        source: next.source,
      },
    ];
  },
});
