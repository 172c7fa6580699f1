import { lookup, nodes, quote } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";
import { describePathFailure, resolveSchemaPath } from "../schema-path.js";

/** Owns the value of `x-eventline-idempotency-key` on receive operations; on sends extension-values-valid reports it. */
export const idempotencyKeyResolves: LintRule = {
  id: "idempotency-key-resolves",
  description:
    "x-eventline-idempotency-key is a JSON pointer to a property required at every level of the payload of every message the operation receives.",
  defaultSeverity: "error",
  hint:
    "The consumer remembers this value to recognise a redelivered message. If a message lacks it, " +
    "duplicates of that message are processed again. Point at a property every message of the " +
    "operation requires, or leave the extension out to deduplicate by the envelope id (ce_id).",
  docs: "docs/rules/idempotency-key-resolves.md",
  check(catalog) {
    const find = lookup(catalog);
    const findings: LintFinding[] = [];
    for (const operation of nodes(catalog.operations)) {
      const key = operation.idempotencyKey;
      if (operation.action !== "receive" || key === undefined) continue;
      const at = { at: operation.source, subPointer: "/x-eventline-idempotency-key" };
      const what = `x-eventline-idempotency-key ${quote(key)} of operation "${String(operation.key)}"`;
      // Shape first, once: repeating "is not a string" for every message would say nothing new.
      const shape = resolveSchemaPath({}, key, { requireEach: true });
      if (!shape.ok && shape.failure.kind !== "undeclared") {
        findings.push({ ...at, message: `${what} ${describePathFailure(shape.failure)}` });
        continue;
      }
      for (const message of find.messagesOf(operation)) {
        if (!message.payload) {
          findings.push({
            ...at,
            key: message.id,
            message: `${what} cannot resolve in message "${message.name}": it has no payload schema`,
          });
          continue;
        }
        if (message.payload.resolved === undefined) continue;
        const result = resolveSchemaPath(message.payload.resolved, key, { requireEach: true });
        if (!result.ok) {
          findings.push({
            ...at,
            key: message.id,
            message: `${what} ${describePathFailure(result.failure)} of message "${message.name}"`,
          });
        }
      }
    }
    return findings;
  },
};
