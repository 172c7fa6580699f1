import { decycle } from "../../../schema/decycle.js";
import { isSubset } from "../../is-subset.js";
import { whenChecked } from "../../mode-severity.js";
import { canonical } from "../../schema-walk.js";
import { show, useLabel } from "../describe.js";
import { defineRule, type RuleFinding } from "../types.js";

export const partitionKeyChanged = defineRule({
  id: "partition-key-changed",
  kind: "message",
  description:
    "The partition key changed: `x-eventline-partition-key`, or the Kafka message binding `key` schema.",
  severity: whenChecked("error"),
  hint: "Kafka orders messages per key: a new key sends the messages of one entity to other partitions, so consumers see them out of order while old and new keys coexist. Keep the key; if it must change, drain the topic or move to a new topic.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old || !next) return [];
    const out: RuleFinding[] = [];
    const affects = [{ address: next.address, messageName: next.message.name }];
    if (canonical(old.message.partitionKey) !== canonical(next.message.partitionKey)) {
      out.push({
        message: `x-eventline-partition-key of ${useLabel(next)} changed from ${show(old.message.partitionKey)} to ${show(next.message.partitionKey)}`,
        source: next.message.source,
        key: `${next.address}\u0000extension`,
        affects,
      });
    }
    const a = decycle(old.message.kafkaKey);
    const b = decycle(next.message.kafkaKey);
    // Equivalent key schemas (a description added, a $ref moved) are not a change.
    const same =
      a === undefined || b === undefined
        ? a === b
        : isSubset(a, b).length === 0 && isSubset(b, a).length === 0;
    if (!same) {
      out.push({
        message: `Kafka key schema of ${useLabel(next)} changed (${a === undefined ? "added" : b === undefined ? "removed" : "not equivalent"})`,
        source: next.message.source,
        key: `${next.address}\u0000binding`,
        affects,
      });
    }
    return out;
  },
});
