import { nodes, quote } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";
import { describePathFailure, resolveSchemaPath } from "../schema-path.js";

/** Owns the value of `x-eventline-partition-key` (shape and meaning); presence is ordered-channel-needs-partition-key's. */
export const partitionKeyResolves: LintRule = {
  id: "partition-key-resolves",
  description:
    "x-eventline-partition-key is a JSON pointer to a property the payload schema requires at every level.",
  defaultSeverity: "error",
  hint:
    "The runtime reads the Kafka key from the payload at this pointer. If a segment is missing or " +
    "optional, some messages have no key and lose their ordering. Point at a property that every " +
    "level of the payload schema lists in `required`, e.g. `/orderId`.",
  docs: "docs/rules/partition-key-resolves.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) {
      const key = message.partitionKey;
      if (key === undefined) continue;
      const at = { at: message.source, subPointer: "/x-eventline-partition-key" };
      const what = `x-eventline-partition-key ${quote(key)} of message "${message.name}"`;
      if (typeof key === "string" && !message.payload) {
        findings.push({ ...at, message: `${what} cannot resolve: the message has no payload schema` });
        continue;
      }
      // An unparsed document leaves nothing to resolve against; its own diagnostics explain why.
      if (typeof key === "string" && message.payload?.resolved === undefined) continue;
      const result = resolveSchemaPath(message.payload?.resolved, key, { requireEach: true });
      if (!result.ok) findings.push({ ...at, message: `${what} ${describePathFailure(result.failure)}` });
    }
    return findings;
  },
};
