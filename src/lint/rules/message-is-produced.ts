import { operationLabel } from "../lookup.js";
import { unmatchedFlows } from "../message-flow.js";
import type { LintRule } from "../rule.js";

export const messageIsProduced: LintRule = {
  id: "message-is-produced",
  description:
    "Every message a service receives is sent by some operation in the catalog (same address and message name).",
  defaultSeverity: "warn",
  hint:
    "A consumer waiting for a message no one sends is dead code, or the producer's document is missing " +
    "from the catalog or names the message or topic differently. Add the producer's send operation, fix " +
    "the name or address, or turn this rule off when the producer lives outside the catalog.",
  docs: "docs/rules/message-is-produced.md",
  check(catalog) {
    return unmatchedFlows(catalog, "receive").map(({ address, message, operation }) => ({
      message: `message "${message.name}" is received from "${address}" (by ${operationLabel(operation)}) but no operation in the catalog sends it`,
      at: message.source,
      key: address,
    }));
  },
};
