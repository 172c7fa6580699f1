import { readPeakRate, readSlo } from "../../model/monitoring-extensions.js";
import { nodes, quote, record } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

/** `x-eventline-slo` on receive operations and `x-eventline-peak-rate` on channels and messages. */
export const monitoringExtensionsValid: LintRule = {
  id: "monitoring-extensions-valid",
  description:
    "x-eventline-slo is on a receive operation with known keys and valid thresholds, and x-eventline-peak-rate is a positive number.",
  defaultSeverity: "error",
  hint:
    "`eventline monitor rules` turns x-eventline-slo into alert thresholds and `eventline load` publishes " +
    "at x-eventline-peak-rate; a value they cannot read falls back to the defaults, so the alert or the " +
    "load test you meant silently does not exist. Use the documented keys and units.",
  docs: "docs/rules/monitoring-extensions-valid.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const operation of nodes(catalog.operations)) {
      const value = record(operation.extensions)["x-eventline-slo"];
      if (value === undefined) continue;
      const name = `${operation.action} operation "${String(operation.key)}"`;
      if (operation.action !== "receive") {
        findings.push({
          message: `x-eventline-slo on ${name} is ignored: service-level objectives apply to receive operations`,
          at: operation.source,
          subPointer: "/x-eventline-slo",
        });
        continue;
      }
      for (const { key, problem } of readSlo(value).problems) {
        findings.push({
          message: `x-eventline-slo${key ? `.${key}` : ""} of ${name} ${problem}${key && isRecordValue(value, key) ? `, not ${quote((value as Record<string, unknown>)[key])}` : ""}`,
          at: operation.source,
          subPointer: key ? `/x-eventline-slo/${key}` : "/x-eventline-slo",
          key,
        });
      }
    }
    const peak = (what: string, value: unknown, at: LintFinding["at"]) => {
      const { problem } = readPeakRate(value);
      if (problem)
        findings.push({
          message: `x-eventline-peak-rate of ${what} ${problem}, not ${quote(value)}`,
          at,
          subPointer: "/x-eventline-peak-rate",
        });
    };
    for (const channel of nodes(catalog.channels))
      peak(
        `channel "${String(channel.key)}"`,
        record(channel.extensions)["x-eventline-peak-rate"],
        channel.source,
      );
    for (const message of nodes(catalog.messages))
      peak(`message "${message.name}"`, record(message.extensions)["x-eventline-peak-rate"], message.source);
    return findings;
  },
};

function isRecordValue(value: unknown, key: string): boolean {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key);
}
