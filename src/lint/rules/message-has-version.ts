import { describeValue, nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

export function isMajorVersion(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Owns `x-eventline-version` entirely (presence and value); extension-values-valid leaves it alone. */
export const messageHasVersion: LintRule = {
  id: "message-has-version",
  description: "Every message declares x-eventline-version, a non-negative integer major version.",
  defaultSeverity: "error",
  hint:
    "The major version is how Eventline tells a breaking change from a compatible one, names the " +
    "generated types and ends up in the CloudEvents type. Add `x-eventline-version: 1` to the message " +
    "and bump it only for breaking changes.",
  docs: "docs/rules/message-has-version.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) {
      if (message.version === undefined) {
        findings.push({
          message: `message "${message.name}" has no x-eventline-version`,
          at: message.source,
        });
      } else if (!isMajorVersion(message.version)) {
        findings.push({
          message:
            `x-eventline-version of message "${message.name}" is ${describeValue(message.version)}; ` +
            "it must be a non-negative integer major version such as 1",
          at: message.source,
          subPointer: "/x-eventline-version",
        });
      }
    }
    return findings;
  },
};
