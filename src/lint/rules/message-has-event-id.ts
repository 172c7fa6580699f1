import type { SchemaRef } from "../../model/types.js";
import { nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";
import { schemaLevel } from "../schema-path.js";

/** CloudEvents binary mode carries the id as `ce_id`; the others are common hand-rolled envelopes. */
export const HEADER_ID_PROPERTIES = ["ce_id", "id", "eventId", "messageId", "event_id"] as const;
export const PAYLOAD_ID_PROPERTIES = ["eventId", "id", "messageId", "event_id"] as const;

type Look = { found: true } | { found: false; optional: string[] } | { unknown: true };

function look(ref: SchemaRef | undefined, names: readonly string[]): Look {
  if (!ref) return { found: false, optional: [] };
  // The document did not parse: its own diagnostics say why, guessing here would only add noise.
  if (ref.resolved === undefined) return { unknown: true };
  const level = schemaLevel([ref.resolved]);
  const declared = names.filter((n) => level.properties.has(n));
  if (declared.some((n) => level.required.has(n))) return { found: true };
  return { found: false, optional: declared };
}

export const messageHasEventId: LintRule = {
  id: "message-has-event-id",
  description: "Every message requires an event id in its headers (ce_id) or its payload.",
  defaultSeverity: "error",
  hint:
    "Consumers deduplicate redeliveries by the event id, and it is the default idempotency key; without " +
    "one a retried publish is processed twice. Require `ce_id` in the headers schema (the CloudEvents " +
    "envelope) or an `eventId` in the payload schema.",
  docs: "docs/rules/message-has-event-id.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) {
      const headers = look(message.headers, HEADER_ID_PROPERTIES);
      const payload = look(message.payload, PAYLOAD_ID_PROPERTIES);
      if ("unknown" in headers || "unknown" in payload) continue;
      if (headers.found || payload.found) continue;
      const optional = [
        ...headers.optional.map((n) => `"${n}" is declared in the headers`),
        ...payload.optional.map((n) => `"${n}" is declared in the payload`),
      ];
      findings.push({
        message:
          `message "${message.name}" has no required event id: neither its headers (${HEADER_ID_PROPERTIES.join(", ")}) ` +
          `nor its payload (${PAYLOAD_ID_PROPERTIES.join(", ")}) require one` +
          (optional.length > 0 ? `; ${optional.join(" and ")} but not required` : ""),
        at: message.source,
      });
    }
    return findings;
  },
};
