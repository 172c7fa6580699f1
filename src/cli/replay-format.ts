import type { ReplayPlan } from "../ops/replay.js";
import { table } from "./table.js";

export function formatReplayText(plan: ReplayPlan): string {
  const rows = plan.partitions.map((p) => [
    String(p.partition),
    p.current === null ? "-" : String(p.current),
    String(p.target),
    `${p.start}..${p.end}`,
    p.delta > 0 ? `re-read ${p.delta}` : p.delta < 0 ? `skip ${-p.delta}` : "-",
  ]);
  const what =
    plan.target === plan.group ? `group ${plan.group}` : `group ${plan.target} (copied from ${plan.group})`;
  const verb = plan.applied ? "moved" : "would move";
  const members =
    plan.activeMembers > 0
      ? `\n${plan.target} has ${plan.activeMembers} active member(s): stop them before applying.`
      : "";
  return `${plan.topic}: ${what} ${verb} to ${plan.from}\n${table(["PARTITION", "CURRENT", "TARGET", "RETAINED", "EFFECT"], rows)}${members}\n`;
}
