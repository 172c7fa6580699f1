import { list, nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

export const messageHasExamples: LintRule = {
  id: "message-has-examples",
  description: "Every message has at least one example.",
  defaultSeverity: "warn",
  hint:
    "Examples are checked against the schemas (examples-match-schema), shown in the catalog and used " +
    "as seeds by the contract tests; a message without one is only ever tested with generated data. " +
    "Add an `examples` entry with a realistic `payload` (and `headers`).",
  docs: "docs/rules/message-has-examples.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) {
      if (list(message.examples).length > 0) continue;
      findings.push({ message: `message "${message.name}" has no examples`, at: message.source });
    }
    return findings;
  },
};
