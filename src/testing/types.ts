import type { IdempotencyStore, RetryPolicy, Subscription, Transport } from "../runtime/index.js";

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
export type PropertyName = "idempotent" | "reorder-tolerant" | "dead-letters" | "replay";

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
