import { createDiagnostic, type DiagnosticInput, summarize } from "../../src/diagnostics/index.js";
import type { Report, RuleInfo } from "../../src/report/report.js";

export const RULES: RuleInfo[] = [
  {
    id: "message-has-partition-key",
    description: "Every message declares x-eventline-partition-key.",
    defaultSeverity: "error",
    docs: "docs/rules/message-has-partition-key.md",
  },
  {
    id: "message-has-version",
    description: "Every message declares x-eventline-version.",
    defaultSeverity: "warn",
  },
];

export function makeReport(inputs: DiagnosticInput[], overrides: Partial<Report> = {}): Report {
  const diagnostics = inputs.map(createDiagnostic);
  return {
    tool: { name: "eventline", version: "0.1.0" },
    command: "validate",
    root: "/home/someone/project",
    documents: ["asyncapi/orders.yaml", "asyncapi/payments.yaml"],
    diagnostics,
    summary: summarize(diagnostics),
    rules: RULES,
    ...overrides,
  };
}

/** Full position and a hint. */
export const PARTITION_KEY: DiagnosticInput = {
  ruleId: "message-has-partition-key",
  severity: "error",
  message: "Message OrderCreated has no partition key.",
  file: "asyncapi/orders.yaml",
  pointer: "/components/messages/OrderCreated",
  line: 42,
  column: 7,
  hint: "Without a key, events for one order can be consumed out of order.",
};

/** Line but no column, no hint. */
export const VERSION: DiagnosticInput = {
  ruleId: "message-has-version",
  severity: "warn",
  message: "Message OrderCreated has no x-eventline-version.",
  file: "asyncapi/orders.yaml",
  pointer: "/components/messages/OrderCreated",
  line: 42,
};

/** A parser code absent from the rule registry, with no position at all. */
export const UNRESOLVED: DiagnosticInput = {
  ruleId: "asyncapi-document-resolved",
  severity: "info",
  message: "Could not resolve $ref ../schemas/missing.json.",
  file: "asyncapi/payments.yaml",
  pointer: "",
};

/** Every character some format has to escape. */
export const NASTY: DiagnosticInput = {
  ruleId: "message-has-partition-key",
  severity: "error",
  message: "100% of a,b: x|y\nsecond line\r\nthird <T> & `code`",
  file: "asyncapi/odd, name: 100%.yaml",
  pointer: "/channels/a~1b",
  line: 3,
  column: 1,
  hint: "fix: a|b,\nthen retry",
};

export const FULL = makeReport([PARTITION_KEY, VERSION, UNRESOLVED]);
export const EMPTY = makeReport([]);
