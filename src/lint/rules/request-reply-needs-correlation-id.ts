import type { Message } from "../../model/types.js";
import { fragmentToPointer } from "../../schema/pointer.js";
import { isRecord, list, lookup, nodes, quote } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";
import { describePathFailure, resolveSchemaPath } from "../schema-path.js";

const LOCATION = /^\$message\.(header|payload)#(.*)$/;

export const requestReplyNeedsCorrelationId: LintRule = {
  id: "request-reply-needs-correlation-id",
  description:
    "Every message of a request/reply operation has a correlationId whose location names a property of its headers or payload schema.",
  defaultSeverity: "error",
  hint:
    "The requester matches each reply to its request by the correlation id; without one, concurrent " +
    "requests get each other's replies. Add `correlationId: { location: '$message.header#/ce_correlationid' }` " +
    "to the message and declare that header.",
  docs: "docs/rules/request-reply-needs-correlation-id.md",
  check(catalog) {
    const find = lookup(catalog);
    const findings: LintFinding[] = [];
    const seen = new Set<string>();
    const check = (message: Message) => {
      const name = `message "${message.name}"`;
      const correlation = message.correlationId;
      if (!correlation || !isRecord(correlation) || !isRecord(correlation.source)) {
        findings.push({
          message: `${name} is used in a request/reply operation but has no correlationId`,
          at: message.source,
        });
        return;
      }
      const at = { at: correlation.source, subPointer: "/location" };
      const location = correlation.location;
      const match = typeof location === "string" ? LOCATION.exec(location) : null;
      const pointer = match ? fragmentToPointer(match[2] ?? "") : undefined;
      if (!match || pointer === undefined || pointer === "") {
        findings.push({
          ...at,
          message:
            location === undefined
              ? `correlationId of ${name} has no location`
              : `correlationId location ${quote(location)} of ${name} is not a runtime expression like "$message.header#/ce_correlationid" or "$message.payload#/requestId"`,
        });
        return;
      }
      const part = match[1] === "header" ? "headers" : "payload";
      const ref = message[part];
      if (!ref) {
        findings.push({
          ...at,
          message: `correlationId location ${quote(location)} of ${name} points into its ${part}, but it has no ${part} schema`,
        });
        return;
      }
      if (ref.resolved === undefined) return;
      const result = resolveSchemaPath(ref.resolved, pointer, { requireEach: false });
      if (!result.ok) {
        findings.push({
          ...at,
          message: `correlationId location ${quote(location)} of ${name} ${describePathFailure(result.failure, part)}`,
        });
      }
    };
    for (const operation of nodes(catalog.operations)) {
      if (operation.hasReply !== true) continue;
      // Replies are correlated too: the requester matches each reply to its request by this id.
      const replies = list(operation.reply?.messageIds).flatMap((id) => find.message(id) ?? []);
      for (const message of [...find.messagesOf(operation), ...replies]) {
        if (seen.has(message.id)) continue;
        seen.add(message.id);
        check(message);
      }
    }
    return findings;
  },
};
