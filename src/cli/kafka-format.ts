import type { ApplyActionKind, ApplyReport, IgnoredSetting, LagReport } from "../kafka/admin/types.js";
import { table } from "./table.js";

const LABELS: Record<ApplyActionKind, [done: string, planned: string]> = {
  created: ["created", "would create"],
  "partitions-increased": ["partitions increased", "would increase partitions"],
  "config-updated": ["config updated", "would update config"],
  "up-to-date": ["up to date", "up to date"],
  "needs-human": ["needs a human", "needs a human"],
};

/** `eventline kafka apply` as text: the table of actions, then a count per kind. */
export function formatApplyText(report: ApplyReport, ignored: readonly IgnoredSetting[] = []): string {
  const lines: string[] = [];
  if (report.dryRun) lines.push("Dry run: nothing was changed.", "");
  if (report.actions.length === 0) {
    lines.push("The catalog declares no Kafka topics: nothing to do.");
  } else {
    lines.push(
      table(
        ["TOPIC", "ACTION", "DETAIL"],
        report.actions.map((a) => [a.topic, LABELS[a.action][report.dryRun ? 1 : 0], a.detail]),
      ),
    );
  }
  for (const i of ignored) {
    lines.push(`note: ${i.topic}: ${i.name} left out (${i.reason}); declared at ${i.at.file}:${i.at.line}`);
  }
  const counts = Object.entries(LABELS)
    .map(([kind, [done, planned]]) => {
      const n = report.actions.filter((a) => a.action === kind).length;
      return n > 0 ? `${n} ${report.dryRun ? planned : done}` : "";
    })
    .filter((s) => s !== "");
  if (counts.length > 0) lines.push("", `${counts.join(", ")}.`);
  return `${lines.join("\n")}\n`;
}

export function formatApplyJson(report: ApplyReport, ignored: readonly IgnoredSetting[] = []): string {
  return `${JSON.stringify({ ...report, ignored }, null, 2)}\n`;
}

/** `eventline kafka lag` as text: one row per group/topic/partition, then the dead-letter depths. */
export function formatLagText(report: LagReport): string {
  const lines: string[] = [];
  const rows: string[][] = [];
  for (const group of report.groups) {
    if (group.topics.length === 0) rows.push([group.groupId, group.state, "(no topics)", "", "", "", ""]);
    for (const topic of group.topics) {
      if (!topic.exists) rows.push([group.groupId, group.state, topic.topic, "(missing)", "", "", ""]);
      for (const p of topic.partitions) {
        rows.push([
          group.groupId,
          group.state,
          topic.topic,
          String(p.partition),
          p.committed === null ? "-" : String(p.committed),
          String(p.end),
          String(p.lag),
        ]);
      }
    }
  }
  if (rows.length > 0) {
    lines.push(table(["GROUP", "STATE", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"], rows));
    lines.push("", ...report.groups.map((g) => `${g.groupId}: total lag ${g.lag}`));
  } else {
    lines.push("No consumer groups to report.");
  }
  if (report.deadLetters.length > 0) {
    lines.push(
      "",
      table(
        ["DEAD-LETTER TOPIC", "PARTITIONS", "DEPTH"],
        report.deadLetters.map((d) => [
          d.topic,
          d.exists ? String(d.partitions.length) : "(missing)",
          String(d.depth),
        ]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

export function formatLagJson(report: LagReport, brokers: readonly string[]): string {
  return `${JSON.stringify({ brokers, ...report }, null, 2)}\n`;
}
