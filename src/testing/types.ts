import type { IdempotencyStore, RetryPolicy, Subscription, Transport } from "../runtime/index.js";
import type { ServiceContract } from "./contract.js";

/** What the harness hands a generated client factory: its own transport and a deterministic clock. */
export interface HarnessClientOptions {
  transport: Transport;
  idempotency?: IdempotencyStore<never>;
  retry?: RetryPolicy;
  now?: () => Date;
}

/** The part of a generated client the harness uses. */
export interface GeneratedClient {
  readonly contract: {
    readonly service: string;
    readonly sends?: Readonly<
      Record<string, { readonly message: string; readonly topic: string; readonly type: string }>
    >;
    readonly consumers: readonly {
      readonly groupId: string;
      readonly topic: string;
      readonly messages: Readonly<
        Record<
          string,
          {
            readonly message: string;
            readonly topic: string;
            readonly type: string;
            readonly partitionKey?: string;
          }
        >
      >;
      readonly deadLetter?: { readonly topic: string; readonly maxAttempts: number };
    }[];
  };
  start(handlers: never): Subscription;
}

/** Deterministic time and ids for handlers: the same run gives the same values. */
export interface HarnessContext {
  /** Virtual time: starts at 2025-01-01T00:00:00Z and moves with the schedule, never with the wall clock. */
  now(): Date;
  /** Which process this is: 1 for the first, 2 after a crash or for the second group member, … */
  readonly incarnation: number;
}

/**
 * A service under test: the generated factory, the durable state that survives a crash (a database,
 * an inbox), how to register handlers on a fresh client, and what to compare.
 */
export interface ServiceDefinition<C extends GeneratedClient, D> {
  /** The generated factory, e.g. `createPaymentsServiceClient`. */
  client: (options: HarnessClientOptions) => C;
  /** Durable state, made once per run; survives crashes and is shared by the group's members. */
  durable: () => D;
  /**
   * Registers the handlers on a fresh client (`client.start(handlers)`). Runs for every process the
   * harness starts: the first, each restart after a crash, each other member of the group. Whatever
   * it keeps in memory is gone after a crash, as in production.
   */
  setup: (client: C, durable: D, context: HarnessContext) => void | Promise<void>;
  /** The observable state: compared for equality (JSON) unless `equivalent` says otherwise. */
  state: (durable: D) => unknown;
  /** The idempotency store (part of the durable state) the client deduplicates with. */
  idempotency?: (durable: D) => IdempotencyStore<never>;
  /** For services whose outcome depends on arrival order by design: when two states count as the same. */
  equivalent?: (a: unknown, b: unknown) => boolean;
  /** Checked on every final state (e.g. "never more reserved than in stock"); a message when it fails. */
  invariant?: (state: unknown) => string | undefined;
  /** For an orchestrator (`x-eventline-saga` in its document): how the `saga` property runs it. */
  saga?: SagaDefinition<C, D>;
}

/** How a step of a saga is made to fail: its failure reply, silence until its timeout, or a reply the orchestrator must dead-letter (then its timeout). */
export type SagaFailure = "failure" | "timeout" | "poison";

/** One saga instance the harness starts. */
export interface SagaInstance {
  /** 1-based. */
  index: number;
  /** A fresh uuid for this instance: use it as the saga's key (the order id). */
  id: string;
  context: HarnessContext;
}

/** How an instance ended, for `consistent`. */
export interface SagaInstanceOutcome {
  /** The instance's key: the Kafka key of its messages. */
  key: string;
  index: number;
  /** The step made to fail, absent when none was. */
  failedAt?: string;
  failure?: SagaFailure;
  /** Steps that completed (their success reply reached the orchestrator). */
  completed: string[];
}

/** A service that takes part in a saga and runs for real (e.g. the value `defineService` returned). */
export interface SagaParticipant {
  readonly definition: object;
  readonly contract: ServiceContract;
}

/** How the `saga` property runs the orchestrator's saga. */
export interface SagaDefinition<C, D> {
  /** Which saga of the document; default the only one. */
  name?: string;
  /** Starts one instance: records what it needs and sends the first step's command, keyed by `instance.id`. */
  start: (client: C, durable: D, instance: SagaInstance) => void | Promise<void>;
  /**
   * The orchestrator's timeout sweep. The harness moves virtual time past the longest declared step
   * timeout when nothing is left to deliver, then calls it; steps that only fail by timeout need it.
   */
  tick?: (client: C, durable: D, context: HarnessContext) => void | Promise<void>;
  /** Participants that run for real; every other one is played by the harness from the contract. */
  participants?: readonly SagaParticipant[];
  /** Checked on the final states (by service id) of the orchestrator and the participants; a message when they disagree. */
  consistent?: (
    states: Record<string, unknown>,
    instances: readonly SagaInstanceOutcome[],
  ) => string | undefined;
}

/** `checkSaga` options: a run's shape, and optionally one failure forced on every instance. */
export interface SagaRunOptions extends RunOptions {
  /** Make every instance fail at this step (name or 0-based index), or none fail; default: drawn per instance. */
  failAt?: { step: string | number; failure?: SagaFailure } | "none";
  /** Most saga instances per run (distinct keys). Default 3. */
  instances?: number;
}

/** Where the contract's schemas come from: the catalog the client was generated from. */
export interface CatalogSource {
  /** The project root (where eventline.config.yaml or asyncapi/ is). Default: the working directory. */
  root?: string;
}

/** How many schedules a check runs and how they are shaped; seed and path replay a failure exactly. */
export interface RunOptions {
  /** Number of generated schedules. Default 100. */
  runs?: number;
  /** fast-check seed; the result carries the one used. */
  seed?: number;
  /** fast-check path of a failure, to replay exactly that case (with the same seed). */
  path?: string;
  /** Most events per schedule (before duplicates). Default 12. */
  maxEvents?: number;
  /** Fewest events per schedule. Default 1. */
  minEvents?: number;
  /** Size of the partition-key pool: few keys so that several events share one. Default 3. */
  keys?: number;
  /** Partitions per topic. Default 3. */
  partitions?: number;
}

/** The properties the harness checks, as named in results. */
export type PropertyName = "idempotent" | "reorder-tolerant" | "dead-letters" | "replay" | "saga";

/** A failing case, shrunk, as something to read and something to replay. */
export interface Counterexample {
  /** The delivery schedule, one line per step. */
  timeline: string[];
  /** What the property expected and what it saw (states, outputs or records). */
  expected?: unknown;
  actual?: unknown;
  /** Where expected and actual differ, one line per JSON pointer. */
  diff: string[];
  /** Why the property failed, in a sentence. */
  reason: string;
  /** Deliveries in the timeline (deliver and redeliver steps). */
  deliveries: number;
}

/** What every check returns; it never throws for a failing property. */
export interface PropertyResult {
  property: PropertyName;
  ok: boolean;
  runs: number;
  seed: number;
  /** fast-check's path of the shrunk failure: pass it back with the seed to replay it. */
  path?: string;
  counterexample?: Counterexample;
  /** A property that does not apply (the service receives nothing it could check) says why. */
  skipped?: string;
  /** An error thrown by the service or the harness outside the property (not a counterexample). */
  error?: string;
}
