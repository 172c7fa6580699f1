/** Where a topic (or one of its settings) is declared: a channel of the catalog. */
export interface TopicDeclaration {
  /** `<service id>/<channel key>`. */
  channelId: string;
  file: string;
  line: number;
  column: number;
}

/** One Kafka topic the contract asks for. */
export interface PlannedTopic {
  /** The topic name, with the plan's prefix. */
  name: string;
  /** Undefined when no channel declares it: the broker's `num.partitions` applies. */
  partitions?: number;
  /** Undefined when no channel declares it: the broker's `default.replication.factor` applies. */
  replicationFactor?: number;
  /** Kafka topic config names → values, as Kafka spells them (`cleanup.policy: "compact,delete"`). */
  configs: Record<string, string>;
  /** Named by an `x-eventline-dead-letter` of a receive operation. */
  deadLetter: boolean;
  /** Every channel that declares this topic, in catalog order. */
  declaredBy: TopicDeclaration[];
}

/** A `topicConfiguration` entry the plan leaves out, and why. */
export interface IgnoredSetting {
  topic: string;
  name: string;
  reason: string;
  at: TopicDeclaration;
}

/**
 * The topics the catalog asks for (what `eventline kafka apply` creates or updates), and the settings
 * it leaves out.
 */
export interface TopicPlan {
  /** Sorted by name. */
  topics: PlannedTopic[];
  ignored: IgnoredSetting[];
}

/** Settings of {@link planTopics}. */
export interface PlanOptions {
  /** Prepended to every topic name (isolated test runs, per-developer namespaces). */
  topicPrefix?: string;
  /** Overrides every declared replication factor (1 for a single-broker development cluster). */
  replicationFactor?: number;
}

/** The kinds of {@link ApplyAction}, in the order they apply. */
export const APPLY_ACTIONS = [
  "created",
  "partitions-increased",
  "config-updated",
  "up-to-date",
  "needs-human",
] as const;
/** One of {@link APPLY_ACTIONS}. */
export type ApplyActionKind = (typeof APPLY_ACTIONS)[number];

/** A topic config value that changes (or would). */
export interface ConfigChange {
  name: string;
  /** The topic's current value; null when the topic does not set it (broker default). */
  from: string | null;
  to: string;
}

/** One row of `eventline kafka apply`: one thing done (or to do) to one topic. */
export interface ApplyAction {
  topic: string;
  action: ApplyActionKind;
  /** False in a dry run, and for `up-to-date` and `needs-human`. */
  applied: boolean;
  /** One line for people. */
  detail: string;
  partitions?: { from?: number; to: number };
  replicationFactor?: { actual?: number; planned: number };
  configs?: ConfigChange[];
}

/** What {@link applyTopics} did or, in a dry run, would do. */
export interface ApplyReport {
  dryRun: boolean;
  /** Sorted by topic, then in the order the actions apply. */
  actions: ApplyAction[];
  /** True when some action is `needs-human`. */
  needsHuman: boolean;
}

/** A consumer group's position on one partition of a topic. */
export interface PartitionLag {
  partition: number;
  /** The group's committed offset; null when the group has none on this partition. */
  committed: number | null;
  /** Earliest offset still retained (log start). */
  start: number;
  /** Log end offset (high watermark). */
  end: number;
  /** end − max(committed ?? start, start): what the group still has to read. */
  lag: number;
}

/** A consumer group's lag on one topic, summed over its partitions. */
export interface TopicLag {
  topic: string;
  /** False when the topic does not exist on the cluster (no partitions then). */
  exists: boolean;
  lag: number;
  partitions: PartitionLag[];
}

/** One consumer group: its state, members and lag per topic. */
export interface GroupLag {
  groupId: string;
  /** The coordinator's group state: Stable, Empty, PreparingRebalance, …, Dead (unknown group). */
  state: string;
  members: number;
  lag: number;
  topics: TopicLag[];
}

/** How many messages a dead-letter topic retains. */
export interface DeadLetterDepth {
  topic: string;
  exists: boolean;
  /** Messages retained: Σ (end − start) over the partitions. */
  depth: number;
  partitions: { partition: number; start: number; end: number; depth: number }[];
}

/** What {@link consumerLag} returns: lag per group and the depth of every dead-letter topic. */
export interface LagReport {
  groups: GroupLag[];
  deadLetters: DeadLetterDepth[];
}

/** A consumer group and the topics it is expected to read (from the catalog's receive operations). */
export interface LagTarget {
  groupId: string;
  topics: string[];
}
