import type { EndToEnd } from "./end-to-end.js";
import type { LoadRun } from "./run-load.js";

export interface Objective {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface LoadReport extends LoadRun {
  transport: "kafka" | "memory";
  topics: string[];
  /** The consumer group named with --group: its lag on the topics when the run ended. */
  group?: { groupId: string; lag: number; maxLag: number | null; endToEnd?: EndToEnd };
  objectives: Objective[];
  passed: boolean;
}

/** A run held against its objectives: the target rate (within 5 %), no errors, and the optional bounds. */
export function evaluateLoad(
  run: LoadRun,
  context: {
    transport: LoadReport["transport"];
    topics: string[];
    maxP99Ms?: number;
    group?: { groupId: string; lag: number; maxLag: number | null; endToEnd?: EndToEnd };
  },
): LoadReport {
  const objectives: Objective[] = [];
  // With a ramp, the ramp's half-rate time counts against the average: compare with what was due.
  const rampMs = run.target.rampMs;
  const fullMs = run.elapsedMs;
  const dueRate =
    rampMs > 0 && fullMs > 0
      ? (run.target.rate * Math.max(0, fullMs - rampMs / 2)) / fullMs
      : run.target.rate;
  objectives.push({
    name: "rate",
    target: `≥ ${(dueRate * 0.95).toFixed(1)} msgs/s (95 % of ${run.target.rate}${rampMs > 0 ? " after the ramp" : ""})`,
    actual: `${run.achievedRate} msgs/s`,
    met: run.achievedRate >= dueRate * 0.95,
  });
  objectives.push({ name: "errors", target: "0", actual: String(run.errors), met: run.errors === 0 });
  if (context.maxP99Ms !== undefined) {
    objectives.push({
      name: "publish p99",
      target: `≤ ${context.maxP99Ms} ms`,
      actual: `${run.publishLatencyMs.p99} ms`,
      met: run.publishLatencyMs.p99 <= context.maxP99Ms,
    });
  }
  if (context.group && context.group.maxLag !== null) {
    objectives.push({
      name: `lag of ${context.group.groupId}`,
      target: `≤ ${context.group.maxLag} (x-eventline-slo maxLag)`,
      actual: String(context.group.lag),
      met: context.group.lag <= context.group.maxLag,
    });
  }
  return {
    ...run,
    transport: context.transport,
    topics: context.topics,
    ...(context.group ? { group: context.group } : {}),
    objectives,
    passed: objectives.every((o) => o.met),
  };
}

export function formatLoadText(report: LoadReport): string {
  const l = report.publishLatencyMs;
  const lines = [
    `load on ${report.topics.join(", ")} (${report.transport}): ${report.sent} sent, ${report.errors} error(s) in ${(report.elapsedMs / 1000).toFixed(2)} s`,
    `rate: ${report.achievedRate} msgs/s achieved, target ${report.target.rate} msgs/s${report.target.rampMs > 0 ? ` (ramp ${report.target.rampMs / 1000} s)` : ""}`,
    `publish latency ms: p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}`,
    ...report.errorSamples.map((e) => `error: ${e}`),
    ...(report.group ? [`group ${report.group.groupId}: lag ${report.group.lag} at the end`] : []),
    ...(report.group?.endToEnd
      ? [
          `end-to-end ms (publish → ${report.group.groupId} committed, ±${report.group.endToEnd.pollIntervalMs} ms): p50 ${report.group.endToEnd.latencyMs.p50}  p95 ${report.group.endToEnd.latencyMs.p95}  p99 ${report.group.endToEnd.latencyMs.p99}  max ${report.group.endToEnd.latencyMs.max}; ${report.group.endToEnd.unprocessed} not processed`,
        ]
      : []),
    ...report.objectives.map(
      (o) => `${o.met ? "met   " : "MISSED"} ${o.name}: ${o.actual} (objective ${o.target})`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
