import type { MonitorSnapshot } from "../ops/monitor/snapshot.js";
import { table } from "./table.js";

function trend(value: number | null): string {
  if (value === null) return "";
  if (value === 0) return "steady";
  return value > 0 ? `+${value}/s` : `${value}/s`;
}

/** The monitor's text view: one row per group and topic with its partitions, then the dead letters. */
export function formatMonitorText(snapshot: MonitorSnapshot): string {
  const rows: string[][] = [];
  for (const group of snapshot.groups) {
    const topics = group.topics.length > 0 ? group.topics : [undefined];
    topics.forEach((topic, i) => {
      rows.push([
        i === 0 ? group.groupId : "",
        i === 0 ? `${group.state}/${group.members}` : "",
        topic ? (topic.exists ? topic.topic : `${topic.topic} (missing)`) : "-",
        topic ? String(topic.lag) : "-",
        topic ? topic.partitions.map((p) => `${p.partition}:${p.lag}`).join(" ") : "",
        i === 0 ? `${group.lag}${group.trend === null ? "" : ` ${trend(group.trend)}`}` : "",
      ]);
    });
  }
  const processing = snapshot.groups
    .filter((g) => g.processing)
    .map((g) => {
      const p = g.processing!;
      const ms = (v: number | null) => (v === null ? "-" : `${v} ms`);
      return [
        g.groupId,
        ms(p.p50Ms),
        ms(p.p99Ms),
        p.errorRate === null ? "-" : `${(p.errorRate * 100).toFixed(2)} %`,
      ];
    });
  const dead = snapshot.deadLetters.map((d) => [
    d.topic,
    d.exists ? String(d.depth) : "(missing)",
    d.partitions.map((p) => `${p.partition}:${p.depth}`).join(" "),
  ]);
  return [
    `eventline monitor  ${snapshot.time}  lag ${snapshot.totals.lag}  dead-lettered ${snapshot.totals.deadLettered}`,
    "",
    table(["GROUP", "STATE/MEMBERS", "TOPIC", "LAG", "PER PARTITION", "GROUP LAG"], rows),
    "",
    ...(processing.length > 0
      ? [table(["GROUP", "HANDLER P50", "HANDLER P99", "DEAD-LETTERED"], processing), ""]
      : []),
    dead.length > 0
      ? table(["DEAD-LETTER TOPIC", "DEPTH", "PER PARTITION"], dead)
      : "No dead-letter channel.",
    "",
  ].join("\n");
}
