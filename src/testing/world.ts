// One deterministic run of one or more services over a schedule: a tiny log-structured broker the
// harness owns (partitions, offsets, one committed offset per consumer group and partition), each
// service's processes (built by `setup` over its shared durable state), and faults injected at exact
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
  /** The service that published it. */
  service: string;
  topic: string;
  key: string | null;
  id: string;
  type: string;
  payload: unknown;
  headers: Record<string, string>;
}

export interface Invocation {
  service: string;
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
  /** The first service's state. */
  state: unknown;
  /** Every service's state, by service name. */
  states: Record<string, unknown>;
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
  hooks?: WorldHooks;
  /** Build the timeline (default true); a run whose verdict alone matters skips it. */
  trace?: boolean;
  /** Most deliveries before the run counts as stuck. Default: 20 per event and step, plus 50. */
  limit?: number;
}

/** A service the world runs: its definition and the messages its groups receive. */
export interface WorldService {
  name: string;
  definition: ServiceDefinition<never, never>;
  inputs: readonly InputMessage[];
}

/** A live process of a service, for code the harness runs outside a delivery (a saga's start, a tick). */
export interface ProcessHandle {
  client: GeneratedClient;
  durable: unknown;
  context: HarnessContext;
}

/** What hooks may do to a run: reach a service's process, move virtual time, write to the timeline. */
export interface WorldAccess {
  process(service: string): Promise<ProcessHandle>;
  /** What the services published so far, in order. */
  readonly outputs: readonly OutputRecord[];
  advance(ms: number): void;
  note(line: string): void;
}

/** Records the harness publishes in a service's place, with what the timeline says about them. */
export interface Answer {
  note: string;
  records: { topic: string; record: TransportRecord; note?: string }[];
}

/** How a property that runs several services (a saga) shapes a run. */
export interface WorldHooks {
  /** Runs before the first delivery (starts saga instances). */
  begin?(world: WorldAccess): Promise<void>;
  /** Consumer groups the harness plays itself (participants not under test). */
  simulated?: readonly { groupId: string; service: string; topic: string }[];
  /** A delivery the harness answers in the service's place; required for every simulated group. */
  answer?(delivery: {
    groupId: string;
    service: string;
    record: DeliveredRecord;
    now: Date;
  }): Answer | undefined;
  /** Nothing is ready to deliver: may move time on and let a service act; true when it did. */
  idle?(world: WorldAccess): Promise<boolean>;
  /** A duplicate fault re-publishes any record (services' replies too), not only the harness's inputs. */
  duplicateOutputs?: boolean;
  /** Checked before every delivery: true stops the run there (the property already failed). */
  stop?(world: WorldAccess): boolean;
  /** Message names by CloudEvents type: records services publish are labelled `<name>#<n>` and printed. */
  names?: ReadonlyMap<string, string>;
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
  service: string;
  handle: ProcessHandle | undefined;
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

/**
 * An event as the producer's record; made once per event, as a run and its reference run (and the
 * shrinker's re-runs) publish the same events. Records are never mutated: the broker copies them.
 */
const inputRecords = new WeakMap<EventSpec, TransportRecord>();
function inputRecord(e: EventSpec): TransportRecord {
  let record = inputRecords.get(e);
  if (!record) {
    const envelope = createEnvelope(
      { source: "/eventline/testing", type: e.input.type, datacontenttype: "application/json", id: e.id },
      () => new Date(EPOCH),
    );
    record = {
      key: e.key === null ? null : encoder.encode(e.key),
      value: encoder.encode(JSON.stringify(e.payload)),
      headers: envelopeHeaders(envelope),
    };
    inputRecords.set(e, record);
  }
  return record;
}

/** Runs `events` under `steps` and returns what happened; never throws for a misbehaving service. */
export async function runWorld<C extends GeneratedClient, D>(
  definition: ServiceDefinition<C, D>,
  events: readonly EventSpec[],
  steps: readonly Step[],
  options: WorldOptions,
): Promise<RunOutcome> {
  const inputs = [...new Set(events.map((e) => e.input))];
  const service = {
    name: "service",
    definition: definition as unknown as ServiceDefinition<never, never>,
    inputs,
  };
  return runServices([service], events, steps, options);
}

/**
 * Runs several services on one broker: what one publishes reaches the groups of the others (and the
 * groups the hooks play). The first service is the one whose `state` a run reports as `state`.
 */
export async function runServices(
  services: readonly WorldService[],
  events: readonly EventSpec[],
  steps: readonly Step[],
  options: WorldOptions,
): Promise<RunOutcome> {
  const hooks = options.hooks ?? {};
  const durables = new Map(services.map((s) => [s.name, s.definition.durable()]));
  const logs = new Map<string, StoredRecord[][]>();
  const timeline: string[] = [];
  // Lines are built only when the run is traced: the search runs untraced, and only the failure it
  // finds is run again for its timeline (string building was a fifth of a run's time).
  const trace = options.trace !== false;
  const firstDelivered: string[] = [];
  const delivered = new Set<string>();
  const seenDelivered = new Set<string>();
  const invocations: Invocation[] = [];
  const outputs: OutputRecord[] = [];
  const labels = new Map<string, string>();
  // Who runs each consumer group: a service under test, or the harness (a simulated participant).
  const groupOwner = new Map<string, { service: string; simulated: boolean }>();
  const owner = new Map<string, number>();
  const members = new Map<string, (Process | undefined)[]>(
    services.map((s) => [s.name, [undefined, undefined]]),
  );
  const groupsOfTopic = new Map<string, Set<string>>();
  const consumes = (topic: string, groupId: string) => {
    const groups = groupsOfTopic.get(topic) ?? new Set<string>();
    groupsOfTopic.set(topic, groups);
    groups.add(groupId);
  };
  let clock = EPOCH;
  let seq = 0;
  let incarnations = 0;
  let deliveries = 0;
  let outputCount = events.length;
  for (const e of events) labels.set(e.id, `${e.input.name}#${e.index}`);
  for (const s of services)
    for (const input of s.inputs) {
      consumes(input.topic, input.groupId);
      groupOwner.set(input.groupId, { service: s.name, simulated: false });
    }
  for (const g of hooks.simulated ?? []) {
    consumes(g.topic, g.groupId);
    groupOwner.set(g.groupId, { service: g.service, simulated: true });
  }
  const retriesAtOnce = new Map(
    services.map((s) => [s.name, s.inputs.length > 0 && s.inputs.every((i) => i.deadLetter !== undefined)]),
  );

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
    // A literal of one shape, not a spread: every stored record shares a hidden class.
    const stored: StoredRecord = {
      key: record.key,
      value: record.value,
      headers: record.headers,
      rawHeaders: record.rawHeaders,
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
  const legend = () => `keys: ${[...aliases].map(([k, a]) => `${a}=${k}`).join(", ")}`;
  const legendFirst = aliases.size > 0;
  if (trace && legendFirst) timeline.push(legend());
  // Records services (or the harness in their place) publish read `<message>#<n>` when named.
  const nameOf = (r: TransportRecord) => {
    const name = hooks.names?.get(r.headers.ce_type ?? "");
    return name ? `${name}#${++outputCount}` : undefined;
  };
  const at = (s: StoredRecord) =>
    `key=${alias(s.key === null ? null : decoder.decode(s.key))} ${s.topic}[${s.partition}]@${s.offset}`;
  // The harness publishes the inputs as a producer would: CloudEvents headers, the key, JSON.
  for (const e of events) {
    const stored = append(e.input.topic, inputRecord(e), true);
    if (trace)
      timeline.push(`publish ${stored.label} ${at(stored)}${e.poison ? ` (poison: ${e.poison})` : ""}`);
  }

  const start = async (service: WorldService, slot: number): Promise<Process> => {
    let kill: () => void = () => undefined;
    const died = new Promise<void>((resolve) => {
      kill = resolve;
    });
    const process: Process = {
      service: service.name,
      handle: undefined,
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
    members.get(service.name)![slot] = process;
    const durable = durables.get(service.name);
    const transport: Transport = {
      async send(topic, records) {
        if (!process.alive) throw new Crash();
        if (process.fault === "crash-on-publish" && process.published === 0) {
          process.kill();
          if (trace) timeline.push(`  → crash before its publish to ${topic} lands`);
          throw new Crash();
        }
        return records.map((r) => {
          process.published++;
          const type = r.headers.ce_type ?? "";
          const name = hooks.names?.get(type);
          const stored = append(topic, r, false, nameOf(r));
          if (trace && name) timeline.push(`  → ${service.name} publishes ${stored.label} ${at(stored)}`);
          let payload: unknown;
          try {
            payload = JSON.parse(decoder.decode(r.value ?? new Uint8Array()));
          } catch {
            payload = null;
          }
          outputs.push({
            service: service.name,
            topic,
            key: r.key === null ? null : decoder.decode(r.key),
            id: r.headers.ce_id ?? "",
            type,
            payload,
            headers: r.headers,
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
    const definition = service.definition;
    const client = definition.client({
      transport,
      now: () => new Date(clock),
      ...(definition.idempotency ? { idempotency: definition.idempotency(durable as never) } : {}),
      ...(retriesAtOnce.get(service.name) ? { retry: { initialDelayMs: 0, maxDelayMs: 0, jitter: 0 } } : {}),
    }) as GeneratedClient;
    const context: HarnessContext = { now: () => new Date(clock), incarnation: process.incarnation };
    const wrapped = Object.assign(
      Object.create(Object.getPrototypeOf(client) as object) as GeneratedClient,
      client,
      {
        start: (handlers: Record<string, (event: never) => unknown>) =>
          client.start(wrapHandlers(handlers, process, invocations) as never),
      },
    );
    process.handle = { client: wrapped, durable, context };
    await definition.setup(wrapped as never, durable as never, context);
    return process;
  };
  const byName = new Map(services.map((s) => [s.name, s]));
  const live = async (name: string, slot: number): Promise<Process> => {
    const service = byName.get(name);
    if (!service) throw new Error(`no service "${name}" in this run`);
    const process = members.get(name)![slot];
    if (process?.alive) return process;
    if (trace && process)
      timeline.push(
        `restart ${name === services[0]?.name && services.length === 1 ? "" : `${name} `}${slot === 0 ? "member A" : "member B"} (setup runs again)`,
      );
    return start(service, slot);
  };
  const access: WorldAccess = {
    // Code run between deliveries (a saga's start, a tick) runs without the last delivery's fault.
    process: async (name) => {
      const process = await live(name, 0);
      process.fault = "none";
      process.published = 0;
      process.transientLeft = 0;
      return process.handle!;
    },
    outputs,
    advance: (ms) => {
      clock += ms;
    },
    note: (line) => {
      if (trace) timeline.push(line);
    },
  };

  // Who reads what, fixed for the run: each group's next offset per partition lives with its route.
  interface Route {
    groupId: string;
    topic: string;
    log: StoredRecord[][];
    next: number[];
  }
  const routes: Route[] = [...groupsOfTopic]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([topic, groups]) =>
      [...groups].sort().map((groupId) => ({
        groupId,
        topic,
        log: partitionsOf(topic),
        next: Array.from({ length: options.partitions }, () => 0),
      })),
    );
  // Ready records are counted and picked without building a list: a step costs no allocation.
  const readyCount = () => {
    let n = 0;
    for (const route of routes)
      for (let p = 0; p < route.log.length; p++) if (route.log[p]![route.next[p]!]) n++;
    return n;
  };
  /** The `k`-th ready record (in route, then partition order), or with `oldest` the first published. */
  const readyAt = (k: number, oldest: boolean) => {
    let best:
      | { route: Route; groupId: string; topic: string; partition: number; record: StoredRecord }
      | undefined;
    let n = 0;
    for (const route of routes)
      for (let partition = 0; partition < route.log.length; partition++) {
        const record = route.log[partition]![route.next[partition]!];
        if (!record) continue;
        if (oldest ? !best || record.seq < best.record.seq : n === k)
          best = { route, groupId: route.groupId, topic: route.topic, partition, record };
        if (!oldest && n === k) return best!;
        n++;
      }
    return best!;
  };

  const stops = new Map<string, number>();
  const limit = options.limit ?? 20 * (events.length + steps.length) + 50;
  let failure: string | undefined;
  // A hook or a setup that throws is the user's error, not a counterexample: it propagates.
  await hooks.begin?.(access);
  for (let i = 0; failure === undefined; i++) {
    if (hooks.stop?.(access)) break;
    const ready = readyCount();
    if (ready === 0) {
      const acted = (await hooks.idle?.(access)) ?? false;
      if (acted && readyCount() > 0) continue;
      break;
    }
    if (i >= limit) {
      failure = `the run did not finish within ${limit} deliveries`;
      break;
    }
    const step: Step =
      options.mode === "sequential" ? { pick: 0, fault: "none" } : (steps[i] ?? { pick: 0, fault: "none" });
    const sequential = options.mode === "sequential";
    const chosen = readyAt(sequential ? 0 : step.pick % ready, sequential);
    const fault = options.faults ? step.fault : "none";
    const group = groupOwner.get(chosen.groupId)!;
    const tp = `${chosen.topic}\u0000${chosen.partition}`;
    const ownerKey = `${group.service}\u0000${tp}`;
    const slot = owner.get(ownerKey) ?? 0;
    const commit = () => {
      chosen.route.next[chosen.partition] = chosen.record.offset + 1;
    };
    clock += 1000;
    if (fault === "duplicate" && (chosen.record.fromHarness || hooks.duplicateOutputs)) {
      const copy = append(chosen.topic, chosen.record, chosen.record.fromHarness, chosen.record.label);
      if (trace) timeline.push(`producer publishes ${chosen.record.label} again (same ce_id) ${at(copy)}`);
    }
    const answer = hooks.answer?.({
      groupId: chosen.groupId,
      service: group.service,
      record: chosen.record,
      now: new Date(clock),
    });
    if (answer || group.simulated) {
      if (trace)
        timeline.push(
          `${group.service} (played by the harness) takes ${chosen.record.label} ${at(chosen.record)}`,
        );
      if (trace) timeline.push(`  → ${answer?.note ?? "answers nothing"}`);
      for (const r of answer?.records ?? []) {
        const stored = append(r.topic, r.record, true, nameOf(r.record));
        if (trace)
          timeline.push(`  → publishes ${stored.label} ${at(stored)}${r.note ? ` (${r.note})` : ""}`);
      }
      commit();
      continue;
    }
    const process = await live(group.service, slot);
    const handle = process.handles.get(chosen.groupId);
    if (!handle) {
      failure = `setup did not start consumer group "${chosen.groupId}" (call client.start(handlers))`;
      break;
    }
    const seen = `${chosen.groupId}\u0000${chosen.record.id}\u0000${chosen.record.offset}`;
    const again = seenDelivered.has(seen);
    seenDelivered.add(seen);
    if (!delivered.has(chosen.record.id)) {
      delivered.add(chosen.record.id);
      firstDelivered.push(chosen.record.id);
    }
    deliveries++;
    const member = members.get(group.service)![1] ? ` to member ${slot === 0 ? "A" : "B"}` : "";
    const to = services.length > 1 ? ` to ${group.service}` : "";
    if (trace)
      timeline.push(
        `${again ? "redeliver" : "deliver"} ${chosen.record.label} ${at(chosen.record)}${to}${member}`,
      );
    process.fault = fault;
    process.published = 0;
    process.transientLeft = fault === "transient" ? 1 : 0;
    if (trace && fault === "transient")
      timeline.push("  → attempt 1 throws a transient error; the consumer retries");
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
        if (trace) timeline.push("  → crash after the handler's effect, before the commit");
      continue;
    }
    if (error !== undefined) {
      const count = (stops.get(ownerKey) ?? 0) + 1;
      stops.set(ownerKey, count);
      const message = error instanceof Error ? error.message : String(error);
      if (trace) timeline.push(`  → the consumer stops: ${message}`);
      process.kill();
      if (count >= 3) {
        failure = `${chosen.record.label} stops the consumer on every delivery: ${message}`;
        break;
      }
      continue;
    }
    if (fault === "crash-before-commit") {
      process.kill();
      if (trace) timeline.push("  → crash after handling, before the offset commit");
      continue;
    }
    if (fault === "rebalance") {
      const to = slot === 0 ? 1 : 0;
      owner.set(ownerKey, to);
      if (trace)
        timeline.push(
          `  → rebalance before the commit: ${chosen.topic}[${chosen.partition}] moves to member ${to === 0 ? "A" : "B"}`,
        );
      continue;
    }
    commit();
  }
  // Keys first seen in what the services published (a saga's instances) get their legend last-minute.
  if (trace && !legendFirst && aliases.size > 0) timeline.unshift(legend());
  const states: Record<string, unknown> = {};
  for (const s of services) {
    try {
      states[s.name] = s.definition.state(durables.get(s.name) as never);
    } catch (e) {
      failure ??= `state() ${services.length > 1 ? `of ${s.name} ` : ""}threw: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return {
    timeline,
    firstDelivered,
    invocations,
    outputs,
    state: states[services[0]?.name ?? ""],
    states,
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
        service: process.service,
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
