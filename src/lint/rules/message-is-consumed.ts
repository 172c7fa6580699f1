import { operationLabel } from "../lookup.js";
import { unmatchedFlows } from "../message-flow.js";
import type { LintRule } from "../rule.js";

export const messageIsConsumed: LintRule = {
  id: "message-is-consumed",
  description:
    "Every message a service sends is received by some operation in the catalog (same address and message name).",
  defaultSeverity: "warn",
  hint:
    "A message nobody consumes is work and storage for nothing, or a sign that the consumer's document " +
    "is missing from the catalog or names the message or topic differently. Add the consumer's receive " +
    "operation, fix the name or address, or turn this rule off for events published for outside consumers.",
  docs: "docs/rules/message-is-consumed.md",
  check(catalog) {
    return unmatchedFlows(catalog, "send").map(({ address, message, operation }) => ({
      message: `message "${message.name}" is sent to "${address}" (by ${operationLabel(operation)}) but no operation in the catalog receives it`,
      at: message.source,
      key: address,
    }));
  },
};
