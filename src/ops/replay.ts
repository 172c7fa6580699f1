import type { Admin } from "kafkajs";
import { EventlineError } from "../errors.js";
import { partitionOffsets } from "./read-records.js";

export interface ReplayOptions {
  topic: string;
  /** The group whose position is reset, or copied from with `toGroup`. */
  group: string;
  /**
   * `earliest`, `latest`, an offset (the same one on every partition, clamped to what is retained),
   * or an ISO 8601 time (per partition, the first record at or after it). Without it, a copy takes
   * the group's committed positions as they are.
   */
  from?: string;
  /** Copy into this (new or idle) group instead of moving `group`. */
  toGroup?: string;
  dryRun?: boolean;
}

export interface ReplayPartition {
  partition: number;
  start: number;
  end: number;
  /** The committed offset of the group that moves, null when it has none. */
  current: number | null;
  target: number;
  /** Records the group will read again (positive) or skip (negative), against `current` (else start). */
  delta: number;
}

export interface ReplayPlan {
  topic: string;
  group: string;
  /** The group whose offsets are written. */
  target: string;
  from: string;
  dryRun: boolean;
  applied: boolean;
  /** Members of the target group now: a plan for a group with members cannot be applied. */
  activeMembers: number;
  partitions: ReplayPartition[];
}

type From =
  | { kind: "earliest" | "latest" }
  | { kind: "offset"; offset: number }
  | { kind: "time"; ms: number };

export function parseFrom(value: string): From {
  if (value === "earliest" || value === "latest") return { kind: value };
  if (/^\d+$/.test(value)) return { kind: "offset", offset: Number(value) };
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
    ? Date.parse(value)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new EventlineError(
      "USAGE",
      `--from ${JSON.stringify(value)} is neither an offset, an ISO 8601 time, earliest nor latest`,
      { hint: "e.g. --from 0, --from 2026-12-01T08:00:00Z, --from earliest." },
    );
  }
  return { kind: "time", ms };
}

async function committed(admin: Admin, group: string, topic: string): Promise<Map<number, number | null>> {
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return new Map(
    (offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset) >= 0 ? Number(p.offset) : null]),
  );
}

async function membersOf(admin: Admin, group: string): Promise<{ members: number; state: string }> {
  const { groups } = await admin.describeGroups([group]);
  return { members: groups[0]?.members.length ?? 0, state: groups[0]?.state ?? "Dead" };
}

/** Refuses a group with members: Kafka would reject the commit, and the members would overwrite it. */
function assertIdle(group: string, { members, state }: { members: number; state: string }): void {
  if (members > 0) {
    throw new EventlineError(
      "INPUT_INVALID",
      `consumer group ${group} has ${members} active member(s) (state ${state}): its position cannot be moved while it consumes`,
      { hint: "Stop its consumers first, or copy the position into a new group with --to-group." },
    );
  }
}

/**
 * Moves a consumer group's position on one topic (or copies it into another group), partition by
 * partition, by offset or by time. The plan is computed first and returned with or without applying
 * it; a group with active members is refused.
 */
export async function replay(admin: Admin, options: ReplayOptions): Promise<ReplayPlan> {
  const target = options.toGroup ?? options.group;
  if (options.from === undefined && options.toGroup === undefined) {
    throw new EventlineError("USAGE", "replay needs --from, --to-group, or both");
  }
  const from = options.from === undefined ? undefined : parseFrom(options.from);
  if (!(await admin.listTopics()).includes(options.topic)) {
    throw new EventlineError("INPUT_INVALID", `topic ${options.topic} does not exist on the cluster`);
  }
  const offsets = await partitionOffsets(admin, options.topic);
  const source = await committed(admin, options.group, options.topic);
  const current = target === options.group ? source : await committed(admin, target, options.topic);
  const byTime =
    from?.kind === "time"
      ? new Map(
          (await admin.fetchTopicOffsetsByTimestamp(options.topic, from.ms)).map((p) => [
            p.partition,
            Number(p.offset),
          ]),
        )
      : undefined;
  const partitions = offsets.map(({ partition, start, end }): ReplayPartition => {
    let wanted: number;
    if (from === undefined) wanted = source.get(partition) ?? start;
    else if (from.kind === "earliest") wanted = start;
    else if (from.kind === "latest") wanted = end;
    else if (from.kind === "offset") wanted = from.offset;
    else {
      // Kafka answers -1 when no record is that recent: the group starts at the end.
      const at = byTime?.get(partition) ?? -1;
      wanted = at < 0 ? end : at;
    }
    const clamped = Math.min(Math.max(wanted, start), end);
    const now = current.get(partition) ?? null;
    return { partition, start, end, current: now, target: clamped, delta: (now ?? start) - clamped };
  });
  const plan: ReplayPlan = {
    topic: options.topic,
    group: options.group,
    target,
    from: options.from ?? `the committed offsets of ${options.group}`,
    dryRun: options.dryRun ?? false,
    applied: false,
    activeMembers: 0,
    partitions,
  };
  const membership = await membersOf(admin, target);
  plan.activeMembers = membership.members;
  if (plan.dryRun) return plan;
  assertIdle(target, membership);
  await admin.setOffsets({
    groupId: target,
    topic: options.topic,
    partitions: partitions.map((p) => ({ partition: p.partition, offset: String(p.target) })),
  });
  plan.applied = true;
  return plan;
}
