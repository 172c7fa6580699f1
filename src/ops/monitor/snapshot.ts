import type { Admin } from "kafkajs";
import { consumerLag } from "../../kafka/admin/consumer-lag.js";
import type { GroupLag, LagReport, LagTarget } from "../../kafka/admin/types.js";
import type { GroupProcessing } from "./prometheus.js";

export interface MonitorGroup extends GroupLag {
  /** Lag change per second since the previous snapshot (positive: falling behind); null on the first. */
  trend: number | null;
  /** With a Prometheus server: handler time and error rate from the services' metrics. */
  processing?: GroupProcessing;
}

export interface MonitorSnapshot {
  /** When the offsets were read, ISO 8601. */
  time: string;
  groups: MonitorGroup[];
  deadLetters: LagReport["deadLetters"];
  /** Σ lag over the groups, and Σ depth over the dead-letter channels. */
  totals: { lag: number; deadLettered: number };
}

/**
 * One reading of every group's lag per topic and partition, and of every dead-letter channel's depth.
 * Given the previous snapshot, each group's trend is its lag change per second since then.
 */
export async function monitorSnapshot(
  admin: Admin,
  targets: { groups: LagTarget[]; deadLetterTopics: string[] },
  previous?: MonitorSnapshot,
  now: () => Date = () => new Date(),
): Promise<MonitorSnapshot> {
  const report = await consumerLag(admin, {
    groups: targets.groups,
    deadLetterTopics: targets.deadLetterTopics,
  });
  const time = now();
  const seconds = previous ? (time.getTime() - Date.parse(previous.time)) / 1000 : 0;
  const before = new Map(previous?.groups.map((g) => [g.groupId, g.lag]));
  const groups = report.groups.map((g) => {
    const was = before.get(g.groupId);
    const trend = was === undefined || seconds <= 0 ? null : Math.round(((g.lag - was) / seconds) * 10) / 10;
    return { ...g, trend };
  });
  return {
    time: time.toISOString(),
    groups,
    deadLetters: report.deadLetters,
    totals: {
      lag: groups.reduce((s, g) => s + g.lag, 0),
      deadLettered: report.deadLetters.reduce((s, d) => s + d.depth, 0),
    },
  };
}
