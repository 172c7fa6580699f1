import { EventlineRuntimeError } from "../errors.js";
import { subscriptionMismatch, subscriptionText } from "../group-subscription.js";
import { partitionForKey } from "../murmur2.js";
import { storedHeaders } from "./headers.js";
import type { PartitionLag, ProducedRecord, StoredRecord, TopicPartition } from "./types.js";

/** Settings of {@link createInMemoryBroker}. */
export interface InMemoryBrokerOptions {
  /** Create unknown topics on first produce or subscribe (Kafka's auto.create.topics.enable). Default false. */
  autoCreateTopics?: boolean;
  /** Partitions of auto-created topics. Default 1. */
  defaultPartitions?: number;
  /** Clock for record timestamps; injectable for tests. */
  now?: () => number;
}

/**
 * A consumer group member. Positions start at the group's committed offsets; after every rebalance
 * (a member joins or leaves) each member restarts from the committed offsets of its partitions at its
 * next poll, so anything delivered but not committed by then is delivered again — at-least-once, as on
 * Kafka. Like a Kafka member finishing its batch before it rejoins, a member may commit what it
 * finished of a partition a rebalance took away until it polls again; the new owner waits for that.
 */
export interface GroupMember {
  readonly groupId: string;
  readonly memberId: string;
  /** Partitions currently assigned (range assignment per topic, members ordered by id). */
  assignment(): TopicPartition[];
  /** Up to `max` records from the assigned partitions, in offset order per partition; advances the position. */
  poll(max?: number): StoredRecord[];
  /**
   * Commits the next offset to read for one partition (the offset after the last processed record): a
   * partition assigned to this member, or one a rebalance took away that it has not released yet.
   */
  commit(topic: string, partition: number, nextOffset: number): void;
  /** Resolves when records may be available to this member, or after `timeoutMs`. */
  waitForRecords(timeoutMs: number): Promise<void>;
  /** Leaves the group (also what a crash looks like from the broker): uncommitted work is redelivered to others. */
  leave(): void;
  readonly active: boolean;
  /**
   * Increases with every (re)assignment: records polled under an older generation and not committed
   * before the next poll are redelivered (to this member or the partition's new owner).
   */
  readonly generation: number;
}

/** Read-only view of the broker's state, for tests, the demo and the property-testing harness. */
export interface BrokerInspector {
  topics(): { name: string; partitions: number }[];
  /** Copies of the records of one partition, in offset order. */
  records(topic: string, partition: number): StoredRecord[];
  highWatermark(topic: string, partition: number): number;
  groups(): string[];
  members(groupId: string): { memberId: string; assignment: TopicPartition[] }[];
  committed(groupId: string, topic: string, partition: number): number | undefined;
  lag(groupId: string, topic?: string): PartitionLag[];
}

/**
 * An embedded Kafka-like broker: topics of partitions, consumer groups with rebalances and committed
 * offsets. For tests, examples and single-process services; `inspect` reads its state.
 */
export interface InMemoryBroker {
  createTopic(name: string, options?: { partitions?: number }): void;
  /** Appends a record; keyed records go to Kafka's default-partitioner partition unless `partition` is given. */
  produce(
    topic: string,
    record: ProducedRecord,
    options?: { partition?: number },
  ): { partition: number; offset: number };
  /**
   * Joins (or creates) a consumer group for `topics`; triggers a rebalance. Every member of a group
   * subscribes to the same topics: a member with other topics is refused (GROUP_SUBSCRIPTION_MISMATCH),
   * because kafkajs's group leader assigns only its own topics and the members drop the rest, so on
   * Kafka such a group silently leaves partitions unread.
   */
  join(groupId: string, topics: readonly string[]): GroupMember;
  readonly inspect: BrokerInspector;
}

interface Group {
  members: Member[];
  committed: Map<string, number>;
  generation: number;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

class Member implements GroupMember {
  private positions = new Map<string, number>();
  private assigned: TopicPartition[] = [];
  private waiters: (() => void)[] = [];
  /**
   * Partitions taken from this member by a rebalance that it has not released yet. Like Kafka's
   * rebalance, which completes only once every member rejoined, the new owner does not fetch such a
   * partition until this member polls again (it finished the record in hand) or leaves; otherwise
   * both could handle the same uncommitted record at once.
   */
  readonly releasing = new Set<string>();
  active = true;
  generation = 0;

  constructor(
    private readonly broker: Broker,
    readonly groupId: string,
    readonly memberId: string,
    readonly topics: readonly string[],
  ) {}

  assign(partitions: TopicPartition[]): void {
    for (const tp of this.assigned) this.releasing.add(tpKey(tp.topic, tp.partition));
    for (const tp of partitions) this.releasing.delete(tpKey(tp.topic, tp.partition));
    this.assigned = partitions;
    this.generation++;
    // Read from the commits at the next poll, not now: a record in flight may still commit before it.
    this.positions.clear();
    this.wake();
  }

  /** The next offset to fetch: where this member got to, else the group's commit. */
  private position(key: string): number {
    return this.positions.get(key) ?? this.broker.group(this.groupId).committed.get(key) ?? 0;
  }

  assignment(): TopicPartition[] {
    return this.assigned.map((tp) => ({ ...tp }));
  }

  poll(max = 500): StoredRecord[] {
    this.ensureActive();
    if (this.releasing.size > 0) {
      this.releasing.clear();
      this.broker.wakeGroup(this.groupId);
    }
    const out: StoredRecord[] = [];
    // Round-robin over partitions so one busy partition cannot starve the others.
    let progressed = true;
    while (out.length < max && progressed) {
      progressed = false;
      for (const tp of this.assigned) {
        if (out.length >= max) break;
        const key = tpKey(tp.topic, tp.partition);
        if (this.broker.releasedElsewhere(this, key)) continue;
        const position = this.position(key);
        const log = this.broker.log(tp.topic, tp.partition);
        const record = log[position];
        if (record) {
          out.push(record);
          this.positions.set(key, position + 1);
          progressed = true;
        }
      }
    }
    return out;
  }

  commit(topic: string, partition: number, nextOffset: number): void {
    this.ensureActive();
    if (
      !this.assigned.some((tp) => tp.topic === topic && tp.partition === partition) &&
      !this.releasing.has(tpKey(topic, partition))
    ) {
      throw new EventlineRuntimeError(
        "NOT_ASSIGNED",
        `${this.memberId} does not own ${topic}[${partition}] (rebalanced away)`,
      );
    }
    const hw = this.broker.log(topic, partition).length;
    if (!Number.isInteger(nextOffset) || nextOffset < 0 || nextOffset > hw) {
      throw new EventlineRuntimeError(
        "INVALID_OFFSET",
        `offset ${nextOffset} is outside ${topic}[${partition}] (0..${hw})`,
      );
    }
    this.broker.group(this.groupId).committed.set(tpKey(topic, partition), nextOffset);
  }

  waitForRecords(timeoutMs: number): Promise<void> {
    if (!this.active || this.hasRecords()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiters = self.waiters.filter((w) => w !== done);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  hasRecords(): boolean {
    return this.assigned.some(
      (tp) =>
        !this.broker.releasedElsewhere(this, tpKey(tp.topic, tp.partition)) &&
        this.position(tpKey(tp.topic, tp.partition)) < this.broker.log(tp.topic, tp.partition).length,
    );
  }

  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.releasing.clear();
    this.wake();
    this.broker.removeMember(this);
  }

  private ensureActive(): void {
    if (!this.active)
      throw new EventlineRuntimeError("MEMBER_LEFT", `${this.memberId} has left group ${this.groupId}`);
  }
}

class Broker implements InMemoryBroker {
  private readonly topicLogs = new Map<string, StoredRecord[][]>();
  private readonly groupsById = new Map<string, Group>();
  private nextMember = 1;

  constructor(private readonly options: Required<InMemoryBrokerOptions>) {}

  createTopic(name: string, options: { partitions?: number } = {}): void {
    const partitions = options.partitions ?? 1;
    if (name === "" || !/^[a-zA-Z0-9._-]+$/.test(name)) {
      throw new EventlineRuntimeError(
        "INVALID_TOPIC",
        `"${name}" is not a valid topic name (letters, digits, . _ -)`,
      );
    }
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new EventlineRuntimeError(
        "INVALID_PARTITIONS",
        `topic ${name}: partitions must be a positive integer`,
      );
    }
    const existing = this.topicLogs.get(name);
    if (existing) {
      if (existing.length !== partitions) {
        throw new EventlineRuntimeError(
          "TOPIC_EXISTS",
          `topic ${name} exists with ${existing.length} partitions, not ${partitions}`,
        );
      }
      return;
    }
    // No rebalance: Kafka rebalances a group for its own topics only, and no group can subscribe to a
    // topic before it exists (join() creates or refuses unknown topics).
    this.topicLogs.set(
      name,
      Array.from({ length: partitions }, () => []),
    );
  }

  log(topic: string, partition: number): StoredRecord[] {
    const partitions = this.topicLogs.get(topic);
    const log = partitions?.[partition];
    if (!log)
      throw new EventlineRuntimeError("UNKNOWN_PARTITION", `unknown partition ${topic}[${partition}]`);
    return log;
  }

  private partitionsOf(topic: string): StoredRecord[][] {
    let partitions = this.topicLogs.get(topic);
    if (!partitions) {
      if (!this.options.autoCreateTopics)
        throw new EventlineRuntimeError("UNKNOWN_TOPIC", `unknown topic ${topic}`);
      this.createTopic(topic, { partitions: this.options.defaultPartitions });
      partitions = this.topicLogs.get(topic)!;
    }
    return partitions;
  }

  produce(topic: string, record: ProducedRecord, options: { partition?: number } = {}) {
    const partitions = this.partitionsOf(topic);
    let partition = options.partition;
    if (partition === undefined) {
      // Unkeyed records: Kafka's sticky partitioner spreads batches; one partition per record is enough here.
      partition = record.key
        ? partitionForKey(record.key, partitions.length)
        : this.roundRobin(topic, partitions.length);
    }
    const log = partitions[partition];
    if (!log)
      throw new EventlineRuntimeError("UNKNOWN_PARTITION", `unknown partition ${topic}[${partition}]`);
    const stored: StoredRecord = Object.freeze({
      topic,
      partition,
      offset: log.length,
      key: record.key ? new Uint8Array(record.key) : null,
      value: record.value ? new Uint8Array(record.value) : null,
      ...storedHeaders(record),
      timestamp: record.timestamp ?? this.options.now(),
    });
    log.push(stored);
    for (const group of this.groupsById.values())
      for (const m of group.members) if (m.topics.includes(topic)) m.wake();
    return { partition, offset: stored.offset };
  }

  private counters = new Map<string, number>();
  private roundRobin(topic: string, n: number): number {
    const next = this.counters.get(topic) ?? 0;
    this.counters.set(topic, next + 1);
    return next % n;
  }

  group(groupId: string): Group {
    let group = this.groupsById.get(groupId);
    if (!group) {
      group = { members: [], committed: new Map(), generation: 0 };
      this.groupsById.set(groupId, group);
    }
    return group;
  }

  join(groupId: string, topics: readonly string[]): GroupMember {
    if (groupId === "")
      throw new EventlineRuntimeError("INVALID_GROUP", "a consumer group needs a non-empty id");
    const wanted = subscriptionText(topics);
    const other = this.groupsById.get(groupId)?.members.find((m) => subscriptionText(m.topics) !== wanted);
    if (other) throw subscriptionMismatch(groupId, wanted, subscriptionText(other.topics));
    for (const t of topics) this.partitionsOf(t);
    const member = new Member(this, groupId, `${groupId}-member-${this.nextMember++}`, [...topics]);
    this.group(groupId).members.push(member);
    this.rebalance(groupId);
    return member;
  }

  /** Whether another member of `member`'s group still has to release the partition `key`. */
  releasedElsewhere(member: Member, key: string): boolean {
    return this.group(member.groupId).members.some((m) => m !== member && m.releasing.has(key));
  }

  wakeGroup(groupId: string): void {
    for (const m of this.group(groupId).members) m.wake();
  }

  removeMember(member: Member): void {
    const group = this.group(member.groupId);
    group.members = group.members.filter((m) => m !== member);
    this.rebalance(member.groupId);
  }

  /** Range assignment per topic over the members subscribed to it, ordered by member id. */
  private rebalance(groupId: string): void {
    const group = this.group(groupId);
    group.generation++;
    const assignments = new Map<Member, TopicPartition[]>(group.members.map((m) => [m, []]));
    const topics = [...new Set(group.members.flatMap((m) => m.topics))].sort();
    for (const topic of topics) {
      const partitions = this.topicLogs.get(topic)?.length ?? 0;
      const members = group.members
        .filter((m) => m.topics.includes(topic))
        .sort((a, b) => compareIds(a.memberId, b.memberId));
      if (members.length === 0) continue;
      const per = Math.floor(partitions / members.length);
      const extra = partitions % members.length;
      let next = 0;
      members.forEach((m, i) => {
        const count = per + (i < extra ? 1 : 0);
        for (let p = next; p < next + count; p++) assignments.get(m)!.push({ topic, partition: p });
        next += count;
      });
    }
    for (const [m, tps] of assignments) m.assign(tps);
  }

  readonly inspect: BrokerInspector = {
    topics: () =>
      [...this.topicLogs]
        .map(([name, p]) => ({ name, partitions: p.length }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    records: (topic, partition) => [...this.log(topic, partition)],
    highWatermark: (topic, partition) => this.log(topic, partition).length,
    groups: () => [...this.groupsById.keys()].sort(),
    members: (groupId) =>
      (this.groupsById.get(groupId)?.members ?? []).map((m) => ({
        memberId: m.memberId,
        assignment: m.assignment(),
      })),
    committed: (groupId, topic, partition) =>
      this.groupsById.get(groupId)?.committed.get(tpKey(topic, partition)),
    lag: (groupId, topic) => {
      const group = this.groupsById.get(groupId);
      const topics =
        topic !== undefined
          ? [topic]
          : [
              ...new Set((group?.members ?? []).flatMap((m) => m.topics).concat(committedTopics(group))),
            ].sort();
      return topics.flatMap((t) =>
        (this.topicLogs.get(t) ?? []).map((log, partition) => {
          const committed = group?.committed.get(tpKey(t, partition)) ?? 0;
          return { topic: t, partition, highWatermark: log.length, committed, lag: log.length - committed };
        }),
      );
    },
  };
}

function committedTopics(group: Group | undefined): string[] {
  return group ? [...group.committed.keys()].map((k) => k.split("\u0000")[0]!) : [];
}

/** Member ids end in a counter; compare it numerically so member-10 sorts after member-9. */
function compareIds(a: string, b: string): number {
  const na = Number(a.slice(a.lastIndexOf("-") + 1));
  const nb = Number(b.slice(b.lastIndexOf("-") + 1));
  return na - nb || (a < b ? -1 : a > b ? 1 : 0);
}

/** An embedded broker with Kafka's semantics where they matter to clients: partitions, keys, groups, offsets. */
export function createInMemoryBroker(options: InMemoryBrokerOptions = {}): InMemoryBroker {
  return new Broker({
    autoCreateTopics: options.autoCreateTopics ?? false,
    defaultPartitions: options.defaultPartitions ?? 1,
    now: options.now ?? Date.now,
  });
}
