import type { Admin } from "kafkajs";
import type { DeadLetterDepth, GroupLag, LagReport, LagTarget, TopicLag } from "./types.js";

/** Which groups and dead-letter topics {@link consumerLag} reports. */
export interface ConsumerLagOptions {
  /**
   * Groups to report, by id or with the topics each is expected to read (reported even before the
   * group commits anything). Topics the group has committed offsets on are always added.
   * Default: every consumer group on the cluster.
   */
  groups?: readonly (string | LagTarget)[];
  /** Topics whose depth (messages retained) to report. */
  deadLetterTopics?: readonly string[];
}

interface Watermarks {
  partition: number;
  start: number;
  end: number;
}

/**
 * Per group, topic and partition: the committed offset, the log end offset and the lag; and the depth
 * of each dead-letter topic. A partition without a committed offset counts everything retained as lag,
 * which is what a new group that starts from the earliest offset (the Eventline default) has to read.
 */
export async function consumerLag(admin: Admin, options: ConsumerLagOptions = {}): Promise<LagReport> {
  const targets: LagTarget[] = (
    options.groups ?? (await admin.listGroups()).groups.map((g) => g.groupId)
  ).map((g) => (typeof g === "string" ? { groupId: g, topics: [] } : g));
  const existing = new Set(await admin.listTopics());
  const watermarks = new Map<string, Promise<Watermarks[]>>();
  const offsetsOf = (topic: string) => {
    let found = watermarks.get(topic);
    if (!found) {
      found = admin
        .fetchTopicOffsets(topic)
        .then((list) =>
          list
            .map((p) => ({ partition: p.partition, start: Number(p.low), end: Number(p.high) }))
            .sort((a, b) => a.partition - b.partition),
        );
      watermarks.set(topic, found);
    }
    return found;
  };

  const described =
    targets.length > 0 ? (await admin.describeGroups(targets.map((t) => t.groupId))).groups : [];
  const groups: GroupLag[] = [];
  for (const target of targets) {
    const info = described.find((g) => g.groupId === target.groupId);
    // Without topics kafkajs asks for every topic the group has committed on.
    const committed = await admin.fetchOffsets({ groupId: target.groupId });
    const committedBy = new Map<string, Map<number, number>>();
    for (const { topic, partitions } of committed) {
      const byPartition = new Map<number, number>();
      for (const p of partitions) if (Number(p.offset) >= 0) byPartition.set(p.partition, Number(p.offset));
      if (byPartition.size > 0) committedBy.set(topic, byPartition);
    }
    const topicNames = [...new Set([...target.topics, ...committedBy.keys()])].sort();
    const topics: TopicLag[] = [];
    for (const topic of topicNames) {
      if (!existing.has(topic)) {
        topics.push({ topic, exists: false, lag: 0, partitions: [] });
        continue;
      }
      const offsets = committedBy.get(topic);
      const partitions = (await offsetsOf(topic)).map(({ partition, start, end }) => {
        const committedOffset = offsets?.get(partition) ?? null;
        const from = Math.max(committedOffset ?? start, start);
        return { partition, committed: committedOffset, start, end, lag: Math.max(0, end - from) };
      });
      topics.push({ topic, exists: true, lag: sum(partitions.map((p) => p.lag)), partitions });
    }
    groups.push({
      groupId: target.groupId,
      state: info?.state ?? "Unknown",
      members: info?.members.length ?? 0,
      lag: sum(topics.map((t) => t.lag)),
      topics,
    });
  }

  const deadLetters: DeadLetterDepth[] = [];
  for (const topic of [...new Set(options.deadLetterTopics ?? [])].sort()) {
    if (!existing.has(topic)) {
      deadLetters.push({ topic, exists: false, depth: 0, partitions: [] });
      continue;
    }
    const partitions = (await offsetsOf(topic)).map(({ partition, start, end }) => ({
      partition,
      start,
      end,
      depth: end - start,
    }));
    deadLetters.push({ topic, exists: true, depth: sum(partitions.map((p) => p.depth)), partitions });
  }
  return { groups, deadLetters };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
