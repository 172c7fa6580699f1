import { list, lookup, nodes } from "../lookup.js";
import { endsInPastTense, splitName, suggestPastTenseName } from "../past-tense.js";
import type { LintFinding, LintRule } from "../rule.js";

/** Tags that mark a message as something other than an event: it asks for something, or answers. */
export const NON_EVENT_TAGS = ["command", "query", "request", "reply"] as const;

export const eventNamePastTense: LintRule = {
  id: "event-name-past-tense",
  description: "Event names end in a past-tense verb (OrderCreated, not CreateOrder or OrderCreate).",
  defaultSeverity: "warn",
  hint:
    "An event records something that already happened and cannot be refused; a present-tense or " +
    "imperative name reads as a command and invites consumers to reject it. Rename the event after " +
    "the fact (`OrderCreated`), or tag the message `command` if it asks another service to act.",
  docs: "docs/rules/event-name-past-tense.md",
  check(catalog) {
    const find = lookup(catalog);
    const requestReply = new Set<string>();
    for (const operation of nodes(catalog.operations)) {
      if (operation.hasReply !== true) continue;
      for (const m of find.messagesOf(operation)) requestReply.add(m.id);
      for (const id of list(operation.reply?.messageIds)) if (typeof id === "string") requestReply.add(id);
    }
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) {
      if (typeof message.name !== "string" || requestReply.has(message.id)) continue;
      const tags = list(message.tags).map((t) => String(t).toLowerCase());
      if (NON_EVENT_TAGS.some((t) => tags.includes(t))) continue;
      const { words } = splitName(message.name);
      if (words.length === 0 || endsInPastTense(message.name)) continue;
      const suggestion = suggestPastTenseName(message.name);
      findings.push({
        message:
          `event "${message.name}" is not named in the past tense (its last word is "${words.at(-1)}")` +
          (suggestion && suggestion !== message.name
            ? `; name it after what happened, e.g. "${suggestion}",`
            : ";") +
          " or tag it `command` if it is a command",
        at: message.source,
      });
    }
    return findings;
  },
};
