import type { DeadLetterDepth } from "../ops/dlq/list.js";
import type { DeadLetterRecord } from "../ops/dlq/record.js";
import type { RedriveReport } from "../ops/dlq/redrive.js";
import { table } from "./table.js";

function age(timestamp: number | null, now: number): string {
  if (timestamp === null) return "-";
  const s = Math.max(0, Math.round((now - timestamp) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

export function formatListText(list: readonly DeadLetterDepth[], now = Date.now()): string {
  if (list.length === 0) return "The catalog declares no dead-letter channel (x-eventline-dead-letter).\n";
  const rows = list.map((d) => [
    d.topic,
    d.exists ? String(d.depth) : "(missing)",
    d.partitions.map((p) => `${p.partition}:${p.depth}`).join(" ") || "-",
    age(d.oldest, now),
    age(d.newest, now),
    [...new Set(d.feeders.map((f) => `${f.groupId ?? "(no group)"} ← ${f.topic}`))].join(", "),
  ]);
  const total = list.reduce((s, d) => s + d.depth, 0);
  return `${table(["DEAD-LETTER TOPIC", "DEPTH", "PER PARTITION", "OLDEST", "NEWEST", "FED BY"], rows)}\n${total} dead-lettered record(s) in ${list.length} channel(s).\n`;
}

export function formatListJson(list: readonly DeadLetterDepth[]): string {
  return `${JSON.stringify(
    {
      deadLetters: list.map((d) => ({
        ...d,
        oldest: d.oldest === null ? null : new Date(d.oldest).toISOString(),
        newest: d.newest === null ? null : new Date(d.newest).toISOString(),
      })),
    },
    null,
    2,
  )}\n`;
}

export function formatShowText(show: { topic: string; depth: number; records: DeadLetterRecord[] }): string {
  const lines = [`${show.topic}: ${show.depth} record(s) retained, ${show.records.length} shown`];
  for (const r of show.records) {
    lines.push(
      "",
      `[${r.partition}]@${r.offset}  ${r.time}  key ${r.key === null ? "(none)" : JSON.stringify(r.key)}`,
      `  error:    ${r.error ?? "(none)"}`,
      `  attempts: ${r.attempts ?? "-"}`,
      `  from:     ${r.original.topic ?? "?"}[${r.original.partition ?? "?"}]@${r.original.offset ?? "?"}`,
      ...Object.entries(r.headers).map(([k, v]) => `  ${k}: ${v}`),
      ...JSON.stringify(r.payload, null, 2)
        .split("\n")
        .map((l) => `  ${l}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

export function formatRedriveText(report: RedriveReport): string {
  const lines: string[] = [];
  for (const r of report.records) {
    const label =
      r.action === "redriven" ? "redriven" : r.action === "would-redrive" ? "would redrive" : "skipped";
    lines.push(
      `${label.padEnd(13)} [${r.partition}]@${r.offset} ${r.id ?? "(no ce_id)"} → ${r.to ?? "?"}${r.reason ? `: ${r.reason}` : ""}`,
    );
  }
  const verb = report.dryRun ? "would be redriven" : "redriven";
  lines.push(
    `${report.topic}: ${report.redriven} ${verb}, ${report.skipped} skipped, ${report.remaining} left (progress group ${report.group}).`,
  );
  return `${lines.join("\n")}\n`;
}
