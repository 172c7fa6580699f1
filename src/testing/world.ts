// One deterministic run of a service over a schedule: a tiny log-structured broker the harness owns
// (partitions, offsets, one committed offset per consumer group and partition), the service's
// processes (each built by `setup` over the shared durable state), and faults injected at exact
// points. Nothing waits on the wall clock: the harness delivers one record at a time and awaits it.
import {
  createEnvelope,
  type DeliveredRecord,
  envelopeHeaders,
  partitionForKey,
  type Subscription,
  type Transport,
  type TransportRecord,
} from "../runtime/index.js";
import type { InputMessage } from "./contract.js";
import type { GeneratedClient, HarnessContext, ServiceDefinition } from "./types.js";

export type Fault =
  | "none"
  | "duplicate"
  | "crash-after-effect"
  | "crash-on-publish"
  | "crash-before-commit"
  | "rebalance"
  | "transient";

export interface EventSpec {
  /** 1-based, for labels: `ReserveInventory#2`. */
  index: number;
  input: InputMessage;
  payload: unknown;
  key: string | null;
  /** Its `ce_id`. */
  id: string;
  /** For a poison message: the mutation that made it invalid. */
  poison?: string;
}

export interface Step {
  /** Which partition with undelivered records goes next (modulo their number). */
  pick: number;
  fault: Fault;
}

export interface OutputRecord {
  topic: string;
  key: string | null;
  id: string;
  type: string;
  payload: unknown;
  headers: Record<string, string>;
}

export interface Invocation {
  id: string;
  name: string;
  key: string | null;
  topic: string;
  /** True when the handler returned without throwing. */
  completed: boolean;
}

export interface RunOutcome {
  timeline: string[];
  /** `ce_id`s in the order they were first delivered. */
  firstDelivered: string[];
  invocations: Invocation[];
  outputs: OutputRecord[];
  state: unknown;
  /** Set when the run could not finish (a record that stops the consumer every time, a step limit). */
  failure?: string;
  deliveries: number;
}

export interface WorldOptions {
  partitions: number;
  /** How records are picked: by the schedule's steps, or in publish order (the reference run). */
  mode: "schedule" | "sequential";
  /** Faults are injected only when true (reorder runs use picks only). */
  faults: boolean;
}

/** Thrown inside a process the harness has killed: everything it still tries to do is void. */
class Crash extends Error {
  constructor() {
    super("the process was killed by the harness");
    this.name = "HarnessCrash";
  }
}

const EPOCH = Date.UTC(2025, 0, 1);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface StoredRecord extends DeliveredRecord {
  seq: number;
  label: string;
  id: string;
  fromHarness: boolean;
}

interface Process {
  incarnation: number;
  alive: boolean;
  handles: Map<string, (record: DeliveredRecord) => Promise<void>>;
  /** The fault of the delivery being handled. */
  fault: Fault;
  transientLeft: number;
  published: number;
  /** Settles when the harness kills the process: the harness stops waiting for what it was doing. */
  died: Promise<void>;
  kill(): void;
}

/** Runs `events` under `steps` and returns what happened; never throws for a misbehaving service. */
export async function runWorld<C extends GeneratedClient, D>(
  definition: ServiceDefinition<C, D>,
  events: readonly EventSpec[],
  steps: readonly Step[],
  options: WorldOptions,
): Promise<RunOutcome> {
  const durable = definition.durable();
  const logs = new Map<string, StoredRecord[][]>();
  const committed = new Map<string, number>();
  const timeline: string[] = [];
  const firstDelivered: string[] = [];
  const seenDelivered = new Set<string>();
  const invocations: Invocation[] = [];
  const outputs: OutputRecord[] = [];
  const labels = new Map<string, string>();
  const owner = new Map<string, number>();
  const members: (Process | undefined)[] = [undefined, undefined];
  const groupsOfTopic = new Map<string, Set<string>>();
  let clock = EPOCH;
  let seq = 0;
  let incarnations = 0;
  let deliveries = 0;
  for (const e of events) {
    labels.set(e.id, `${e.input.name}#${e.index}`);
    const groups = groupsOfTopic.get(e.input.topic) ?? new Set<string>();
    groupsOfTopic.set(e.input.topic, groups);
    groups.add(e.input.groupId);
  }
  const everyGroupDeadLetters = events.every((e) => e.input.deadLetter !== undefined);

  const partitionsOf = (topic: string) => {
    let log = logs.get(topic);
    if (!log) {
      log = Array.from({ length: options.partitions }, () => []);
      logs.set(topic, log);
    }
    return log;
  };
  const append = (topic: string, record: TransportRecord, fromHarness: boolean, label?: string) => {
    const key = record.key === null ? null : decoder.decode(record.key);
    const partition = key === null ? 0 : partitionForKey(key, options.partitions);
    const log = partitionsOf(topic)[partition]!;
    const id = record.headers.ce_id ?? "";
    const stored: StoredRecord = {
      ...record,
      topic,
      partition,
      offset: log.length,
      seq: seq++,
      label: label ?? labels.get(id) ?? id,
      id,
      fromHarness,
    };
    log.push(stored);
    return stored;
  };

  // Keys print as k1, k2, … in the timeline (a uuid per line would drown it); the legend comes first.
  const aliases = new Map<string, string>();
  const alias = (key: string | null) => {
    if (key === null) return "-";
    let a = aliases.get(key);
    if (!a) {
      a = `k${aliases.size + 1}`;
      aliases.set(key, a);
    }
    return a;
  };
  for (const e of events) alias(e.key);
  if (aliases.size > 0) timeline.push(`keys: ${[...aliases].map(([k, a]) => `${a}=${k}`).join(", ")}`);
  // The harness publishes the inputs as a producer would: CloudEvents headers, the key, JSON.
  for (const e of events) {
    const envelope = createEnvelope(
      { source: "/eventline/testing", type: e.input.type, datacontenttype: "application/json", id: e.id },
      () => new Date(EPOCH),
    );
    const stored = append(
      e.input.topic,
      {
        key: e.key === null ? null : encoder.encode(e.key),
        value: encoder.encode(JSON.stringify(e.payload)),
        headers: envelopeHeaders(envelope),
      },
      true,
    );
    timeline.push(
      `publish ${stored.label} key=${alias(e.key)} ${e.input.topic}[${stored.partition}]@${stored.offset}${e.poison ? ` (poison: ${e.poison})` : ""}`,
    );
  }

  const start = async (slot: number): Promise<Process> => {
    let kill: () => void = () => undefined;
    const died = new Promise<void>((resolve) => {
      kill = resolve;
    });
    const process: Process = {
      incarnation: ++incarnations,
      alive: true,
      handles: new Map(),
      fault: "none",
      transientLeft: 0,
      published: 0,
      died,
      kill() {
        process.alive = false;
        kill();
      },
    };
    members[slot] = process;
    const transport: Transport = {
      async send(topic, records) {
        if (!process.alive) throw new Crash();
        if (process.fault === "crash-on-publish" && process.published === 0) {
          process.kill();
          timeline.push(`  → crash before its publish to ${topic} lands`);
          throw new Crash();
        }
        return records.map((r) => {
          process.published++;
          const stored = append(topic, r, false);
          let payload: unknown;
          try {
            payload = JSON.parse(decoder.decode(r.value ?? new Uint8Array()));
          } catch {
            payload = null;
          }
          outputs.push({
            topic,
            key: r.key === null ? null : decoder.decode(r.key),
            id: r.headers.ce_id ?? "",
            type: r.headers.ce_type ?? "",
            payload,
            headers: { ...r.headers },
          });
          return { partition: stored.partition, offset: stored.offset };
        });
      },
      consume({ groupId, handle }): Subscription {
        process.handles.set(groupId, handle);
        let stop: () => void = () => undefined;
        const done = new Promise<void>((resolve) => {
          stop = resolve;
        });
        return {
          done,
          async stop() {
            stop();
          },
        };
      },
    };
    const client = definition.client({
      transport,
      now: () => new Date(clock),
      ...(definition.idempotency ? { idempotency: definition.idempotency(durable) } : {}),
      ...(everyGroupDeadLetters ? { retry: { initialDelayMs: 0, maxDelayMs: 0, jitter: 0 } } : {}),
    });
    const context: HarnessContext = { now: () => new Date(clock), incarnation: process.incarnation };
    const wrapped = Object.assign(Object.create(Object.getPrototypeOf(client) as object) as C, client, {
      start: (handlers: Record<string, (event: never) => unknown>) =>
        client.start(wrapHandlers(handlers, process, invocations) as never),
    });
    await definition.setup(wrapped, durable, context);
    return process;
  };

  const candidates = () => {
    const out: { groupId: string; topic: string; partition: number; record: StoredRecord }[] = [];
    for (const [topic, groups] of [...groupsOfTopic].sort(([a], [b]) => a.localeCompare(b)))
      for (const groupId of [...groups].sort()) {
        const log = partitionsOf(topic);
        log.forEach((records, partition) => {
          const next = committed.get(`${groupId}\u0000${topic}\u0000${partition}`) ?? 0;
          const record = records[next];
          if (record) out.push({ groupId, topic, partition, record });
        });
      }
    return out;
  };

  const stops = new Map<string, number>();
  const limit = 20 * (events.length + steps.length) + 50;
  let failure: string | undefined;
  for (let i = 0; ; i++) {
    const ready = candidates();
    if (ready.length === 0) break;
    if (i >= limit) {
      failure = `the run did not finish within ${limit} deliveries`;
      break;
    }
    const step: Step =
      options.mode === "sequential" ? { pick: 0, fault: "none" } : (steps[i] ?? { pick: 0, fault: "none" });
    const chosen =
      options.mode === "sequential"
        ? ready.reduce((a, b) => (b.record.seq < a.record.seq ? b : a))
        : ready[step.pick % ready.length]!;
    const fault = options.faults ? step.fault : "none";
    const tp = `${chosen.topic}\u0000${chosen.partition}`;
    const slot = owner.get(tp) ?? 0;
    clock += 1000;
    const key = chosen.record.key === null ? null : decoder.decode(chosen.record.key);
    const where = `key=${alias(key)} ${chosen.topic}[${chosen.partition}]@${chosen.record.offset}`;
    if (fault === "duplicate" && chosen.record.fromHarness) {
      const copy = append(chosen.topic, chosen.record, true, chosen.record.label);
      timeline.push(
        `producer publishes ${chosen.record.label} again (same ce_id) key=${alias(key)} ${chosen.topic}[${copy.partition}]@${copy.offset}`,
      );
    }
    let process = members[slot];
    if (!process?.alive) {
      if (process) timeline.push(`restart ${slot === 0 ? "member A" : "member B"} (setup runs again)`);
      process = await start(slot);
    }
    const handle = process.handles.get(chosen.groupId);
    if (!handle) {
      failure = `setup did not start consumer group "${chosen.groupId}" (call client.start(handlers))`;
      break;
    }
    const again = seenDelivered.has(
      `${chosen.groupId}\u0000${chosen.record.id}\u0000${chosen.record.offset}`,
    );
    seenDelivered.add(`${chosen.groupId}\u0000${chosen.record.id}\u0000${chosen.record.offset}`);
    if (!firstDelivered.includes(chosen.record.id)) firstDelivered.push(chosen.record.id);
    deliveries++;
    timeline.push(
      `${again ? "redeliver" : "deliver"} ${chosen.record.label} ${where}${members[1] ? ` to member ${slot === 0 ? "A" : "B"}` : ""}`,
    );
    process.fault = fault;
    process.published = 0;
    process.transientLeft = fault === "transient" ? 1 : 0;
    if (fault === "transient") timeline.push("  → attempt 1 throws a transient error; the consumer retries");
    let error: unknown;
    // A killed process may still be retrying in the background (its consumer does not know it is
    // dead); whatever it does is void, so the harness moves on at once.
    await Promise.race([
      handle(chosen.record).catch((e: unknown) => {
        error = e;
      }),
      process.died,
    ]);
    if (!process.alive) {
      if (fault === "crash-after-effect")
        timeline.push("  → crash after the handler's effect, before the commit");
      continue;
    }
    if (error !== undefined) {
      const count = (stops.get(tp) ?? 0) + 1;
      stops.set(tp, count);
      const message = error instanceof Error ? error.message : String(error);
      timeline.push(`  → the consumer stops: ${message}`);
      process.kill();
      if (count >= 3) {
        failure = `${chosen.record.label} stops the consumer on every delivery: ${message}`;
        break;
      }
      continue;
    }
    if (fault === "crash-before-commit") {
      process.kill();
      timeline.push("  → crash after handling, before the offset commit");
      continue;
    }
    if (fault === "rebalance") {
      const to = slot === 0 ? 1 : 0;
      owner.set(tp, to);
      timeline.push(
        `  → rebalance before the commit: ${chosen.topic}[${chosen.partition}] moves to member ${to === 0 ? "A" : "B"}`,
      );
      continue;
    }
    committed.set(`${chosen.groupId}\u0000${tp}`, chosen.record.offset + 1);
  }
  let state: unknown;
  try {
    state = definition.state(durable);
  } catch (e) {
    failure ??= `state() threw: ${e instanceof Error ? e.message : String(e)}`;
  }
  return {
    timeline,
    firstDelivered,
    invocations,
    outputs,
    state,
    deliveries,
    ...(failure ? { failure } : {}),
  };
}

function wrapHandlers(
  handlers: Record<string, (event: never) => unknown>,
  process: Process,
  invocations: Invocation[],
): Record<string, (event: never) => Promise<void>> {
  const out: Record<string, (event: never) => Promise<void>> = {};
  for (const [name, handler] of Object.entries(handlers ?? {})) {
    if (typeof handler !== "function") continue;
    out[name] = async (event) => {
      if (!process.alive) throw new Crash();
      const e = event as unknown as { envelope: { id: string }; key: string | null; topic: string };
      if (process.transientLeft > 0) {
        process.transientLeft--;
        throw new Error("transient failure injected by the harness");
      }
      const invocation: Invocation = {
        id: e.envelope.id,
        name,
        key: e.key,
        topic: e.topic,
        completed: false,
      };
      invocations.push(invocation);
      await handler(event);
      if (!process.alive) throw new Crash();
      invocation.completed = true;
      if (process.fault === "crash-after-effect") {
        process.kill();
        throw new Crash();
      }
    };
  }
  return out;
}
