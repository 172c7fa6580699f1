import type { Catalog, Operation } from "../../model/types.js";
import { channelLabel, describeValue, isRecord, lookup, nodes, quote } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

function channelKeysOf(catalog: Catalog, serviceId: string): string[] {
  return nodes(catalog.channels)
    .filter((c) => c.serviceId === serviceId)
    .map((c) => String(c.key));
}

/** Owns `x-eventline-dead-letter` on receive operations: presence, `channel` and `maxAttempts`. */
export const receiveNeedsDeadLetter: LintRule = {
  id: "receive-needs-dead-letter",
  description:
    "Every receive operation declares x-eventline-dead-letter naming a channel of the same document, with a positive integer maxAttempts.",
  defaultSeverity: "error",
  hint:
    "A message the handler can never process (a poison message) otherwise blocks its partition forever " +
    "or is dropped. Add `x-eventline-dead-letter: { channel: <channel key in this document>, maxAttempts: 5 }` " +
    "to the operation and declare the dead-letter channel.",
  docs: "docs/rules/receive-needs-dead-letter.md",
  check(catalog) {
    const find = lookup(catalog);
    const findings: LintFinding[] = [];
    const check = (operation: Operation) => {
      const name = `receive operation "${String(operation.key)}"`;
      const dl = operation.deadLetter;
      if (!dl || !isRecord(dl) || !isRecord(dl.source)) {
        findings.push({ message: `${name} has no x-eventline-dead-letter`, at: operation.source });
        return;
      }
      if (dl.raw !== undefined && !isRecord(dl.raw)) {
        findings.push({
          message: `x-eventline-dead-letter of ${name} is ${describeValue(dl.raw)}; it must be an object { channel, maxAttempts }`,
          at: dl.source,
        });
        return;
      }
      if (dl.channel === undefined) {
        findings.push({ message: `x-eventline-dead-letter of ${name} has no channel`, at: dl.source });
      } else if (typeof dl.channel !== "string" || dl.channel === "") {
        findings.push({
          message: `x-eventline-dead-letter channel of ${name} is ${describeValue(dl.channel)}; it must be the key of a channel in the same document`,
          at: dl.source,
          subPointer: "/channel",
        });
      } else {
        const target = find.channelByKey(operation.serviceId, dl.channel);
        if (!target) {
          const keys = channelKeysOf(catalog, String(operation.serviceId));
          findings.push({
            message:
              `x-eventline-dead-letter channel ${quote(dl.channel)} of ${name} is not a channel of the same document` +
              (keys.length > 0
                ? ` (channels: ${keys.slice(0, 10).join(", ")}${keys.length > 10 ? ", …" : ""})`
                : ""),
            at: dl.source,
            subPointer: "/channel",
          });
        } else if (target.id === operation.channelId) {
          findings.push({
            message: `${name} dead-letters into "${channelLabel(target)}", the channel it receives from, so a poison message would come back forever`,
            at: dl.source,
            subPointer: "/channel",
          });
        }
      }
      const max = dl.maxAttempts;
      if (max !== undefined && !(typeof max === "number" && Number.isInteger(max) && max >= 1)) {
        findings.push({
          message: `x-eventline-dead-letter maxAttempts of ${name} is ${describeValue(max)}; it must be a positive integer`,
          at: dl.source,
          subPointer: "/maxAttempts",
        });
      }
    };
    for (const operation of nodes(catalog.operations)) if (operation.action === "receive") check(operation);
    return findings;
  },
};
