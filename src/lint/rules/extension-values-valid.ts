import { COMPATIBILITY_MODES } from "../../model/types.js";
import { nodes, quote } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

export const ORDERINGS = ["per-key", "none"] as const;

/** `per_key`, `PerKey` and `backward` are typos of a valid value, worth naming in the message. */
function closest(value: unknown, allowed: readonly string[]): string | undefined {
  if (typeof value !== "string") return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  return allowed.find((a) => norm(a) === norm(value));
}

function oneOf(what: string, value: unknown, allowed: readonly string[]): string {
  const near = closest(value, allowed);
  return (
    `${what} is ${quote(value)}; it must be one of ${allowed.join(", ")}` +
    (near !== undefined ? ` (did you mean ${near}?)` : "")
  );
}

/**
 * Owns the extensions no other rule reads: channel ordering, compatibility modes, and receive-only
 * extensions written on send operations. Extensions a rule uses are that rule's: message-has-version
 * (x-eventline-version), partition-key-resolves, idempotency-key-resolves, receive-needs-dead-letter.
 */
export const extensionValuesValid: LintRule = {
  id: "extension-values-valid",
  description:
    "x-eventline-ordering and x-eventline-compatibility have documented values, and receive-only extensions are not on send operations.",
  defaultSeverity: "error",
  hint:
    "Eventline reads these extensions to generate code and to choose compatibility checks; a value it " +
    "does not know is silently treated as absent, so the setting you meant does not apply. Use one of " +
    "the documented values, or move the extension to where Eventline reads it.",
  docs: "docs/rules/extension-values-valid.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const channel of nodes(catalog.channels)) {
      if (channel.ordering === undefined || (ORDERINGS as readonly unknown[]).includes(channel.ordering))
        continue;
      findings.push({
        message: oneOf(
          `x-eventline-ordering of channel "${String(channel.key)}"`,
          channel.ordering,
          ORDERINGS,
        ),
        at: channel.source,
        subPointer: "/x-eventline-ordering",
      });
    }
    const compatibility = (what: string, value: unknown, at: LintFinding["at"]) => {
      if (value === undefined || (COMPATIBILITY_MODES as readonly unknown[]).includes(value)) return;
      findings.push({
        message: oneOf(`x-eventline-compatibility of ${what}`, value, COMPATIBILITY_MODES),
        at,
        subPointer: "/x-eventline-compatibility",
      });
    };
    for (const service of nodes(catalog.services))
      compatibility(`document ${String(service.file)}`, service.compatibility, service.source);
    for (const message of nodes(catalog.messages))
      compatibility(`message "${message.name}"`, message.compatibility, message.source);
    for (const operation of nodes(catalog.operations)) {
      if (operation.action !== "send") continue;
      const name = `send operation "${String(operation.key)}"`;
      if (operation.deadLetter?.source) {
        findings.push({
          message: `x-eventline-dead-letter on ${name} is ignored: dead letters apply to receive operations`,
          at: operation.deadLetter.source,
        });
      }
      if (operation.idempotencyKey !== undefined) {
        findings.push({
          message: `x-eventline-idempotency-key on ${name} is ignored: idempotency keys apply to receive operations`,
          at: operation.source,
          subPointer: "/x-eventline-idempotency-key",
        });
      }
    }
    return findings;
  },
};
