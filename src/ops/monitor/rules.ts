import { stringify } from "yaml";
import { EventlineError } from "../../errors.js";
import { isDuration, readSlo, type Slo } from "../../model/monitoring-extensions.js";
import type { Catalog } from "../../model/types.js";
import { deadLetterChannels } from "../topology.js";

/** Thresholds where a receive operation declares no `x-eventline-slo`. */
export const DEFAULT_SLO: Required<Slo> = { maxLag: 1000, processingP99Ms: 1000, for: "5m" };

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
}

export interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

export interface AlertRuleOptions {
  prefix?: string;
  /** Overrides of the defaults for operations without an SLO. */
  defaults?: Partial<Slo>;
  /** Rate window of the rate()/increase() expressions (default 5m). */
  window?: string;
}

const label = (value: string) => JSON.stringify(value);

/**
 * Prometheus alerting rules from the catalog: per consumer group and channel, lag above the SLO's
 * `maxLag` and handler p99 above `processingP99Ms`; per dead-letter channel, any record in it, and
 * any message dead-lettered recently. Lag and depth use kafka_exporter's metrics
 * (`kafka_consumergroup_lag`, `kafka_topic_partition_current_offset`/`_oldest_offset`); processing
 * time and dead-lettering use the runtime's own metric set. Where several operations of one group
 * read one channel, the strictest threshold wins.
 */
export function alertRules(catalog: Catalog, options: AlertRuleOptions = {}): RuleFile {
  const prefix = options.prefix ?? "";
  const window = options.window ?? "5m";
  if (!isDuration(window)) {
    throw new EventlineError(
      "USAGE",
      `--window ${JSON.stringify(window)} is not a Prometheus duration such as 5m`,
    );
  }
  const defaults = { ...DEFAULT_SLO, ...options.defaults };
  const targets = new Map<
    string,
    { group: string; topic: string; slo: Required<Slo>; operations: string[] }
  >();
  for (const operation of catalog.operations) {
    if (operation.action !== "receive" || operation.groupId === undefined) continue;
    const channel = catalog.channels.find((c) => c.id === operation.channelId);
    const topic = channel?.topic ?? channel?.address;
    if (!topic || topic.includes("{")) continue;
    const { slo } = readSlo(operation.extensions["x-eventline-slo"]);
    const full = { ...defaults, ...slo };
    const key = `${operation.groupId}\u0000${prefix}${topic}`;
    const known = targets.get(key);
    if (!known) {
      targets.set(key, {
        group: operation.groupId,
        topic: prefix + topic,
        slo: full,
        operations: [operation.id],
      });
      continue;
    }
    known.operations.push(operation.id);
    known.slo = {
      maxLag: Math.min(known.slo.maxLag, full.maxLag),
      processingP99Ms: Math.min(known.slo.processingP99Ms, full.processingP99Ms),
      for: known.slo.for,
    };
  }
  const consumers: AlertRule[] = [];
  for (const t of [...targets.values()].sort(
    (a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic),
  )) {
    const labels = { severity: "warning", consumer_group: t.group, topic: t.topic };
    const ops = t.operations.join(", ");
    consumers.push({
      alert: "EventlineConsumerLag",
      expr: `sum(kafka_consumergroup_lag{consumergroup=${label(t.group)}, topic=${label(t.topic)}}) > ${t.slo.maxLag}`,
      for: t.slo.for,
      labels,
      annotations: {
        summary: `${t.group} is more than ${t.slo.maxLag} messages behind on ${t.topic}`,
        description: `Lag of consumer group ${t.group} on ${t.topic} ({{ $value }} messages) has been above ${t.slo.maxLag} for ${t.slo.for} (${ops}). Check \`eventline monitor --group ${t.group}\`.`,
      },
    });
    const budget = t.slo.processingP99Ms / 1000;
    consumers.push({
      alert: "EventlineProcessingTime",
      expr: `histogram_quantile(0.99, sum by (le) (rate(messaging_process_duration_bucket{messaging_consumer_group_name=${label(t.group)}, messaging_destination_name=${label(t.topic)}}[${window}]))) > ${budget}`,
      for: t.slo.for,
      labels,
      annotations: {
        summary: `p99 handler time of ${t.group} on ${t.topic} is above ${t.slo.processingP99Ms} ms`,
        description: `The 99th percentile of one handler run ({{ $value }} s) has been above the ${t.slo.processingP99Ms} ms budget for ${t.slo.for} (${ops}).`,
      },
    });
  }
  const deadLetters: AlertRule[] = [];
  for (const d of deadLetterChannels(catalog, prefix)) {
    const groups = [
      ...new Set(d.feeders.map((f) => f.groupId).filter((g): g is string => g !== null)),
    ].sort();
    const labels = { severity: "warning", topic: d.topic };
    deadLetters.push({
      alert: "EventlineDeadLetters",
      expr: `sum(kafka_topic_partition_current_offset{topic=${label(d.topic)}}) - sum(kafka_topic_partition_oldest_offset{topic=${label(d.topic)}}) > 0`,
      labels,
      annotations: {
        summary: `dead-letter channel ${d.topic} holds {{ $value }} message(s)`,
        description: `Messages that ${groups.join(", ") || "its consumers"} could not handle wait in ${d.topic}. Inspect them with \`eventline dlq show ${d.topic}\`, fix the cause, then \`eventline dlq redrive ${d.topic}\`.`,
      },
    });
    for (const feeder of d.feeders) {
      if (feeder.groupId === null) continue;
      deadLetters.push({
        alert: "EventlineDeadLettering",
        expr: `sum(increase(eventline_messages_dead_lettered_total{messaging_consumer_group_name=${label(feeder.groupId)}, messaging_destination_name=${label(feeder.topic)}}[${window}])) > 0`,
        labels: { severity: "warning", consumer_group: feeder.groupId, topic: feeder.topic },
        annotations: {
          summary: `${feeder.groupId} dead-lettered messages from ${feeder.topic} in the last ${window}`,
          description: `${feeder.groupId} sent {{ $value }} message(s) of ${feeder.topic} to ${d.topic} in the last ${window}.`,
        },
      });
    }
  }
  return {
    groups: [
      { name: "eventline-consumers", rules: consumers },
      { name: "eventline-dead-letters", rules: dedupe(deadLetters) },
    ],
  };
}

function dedupe(rules: AlertRule[]): AlertRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => !seen.has(r.expr) && seen.add(r.expr) !== undefined);
}

export function formatRulesYaml(file: RuleFile): string {
  return `# Generated by \`eventline monitor rules\` from the AsyncAPI catalog; regenerate rather than edit.\n${stringify(file, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
