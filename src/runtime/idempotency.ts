/**
 * Remembers which messages were processed, so a redelivered one is skipped.
 *
 * `process` brackets the handler: it runs `work` unless `key` was already processed, and records
 * `key` when `work` succeeds. A transactional store (the PostgreSQL inbox) opens a transaction,
 * hands it to `work` (the handler writes through it) and commits the marker together with the
 * handler's writes, so a crash between "effect" and "mark processed" cannot double the effect.
 * Non-transactional stores pass `undefined` and record the key after `work`; a crash in between
 * lets the message be handled again (at-least-once).
 *
 * Two deliveries of one key at the same time (two partitions, two consumers sharing a store) must not
 * both run `work`: the second waits for the first's outcome, then is a duplicate (it succeeded) or
 * runs (it failed).
 */
export interface IdempotencyStore<Tx = unknown> {
  process(
    key: string,
    work: (transaction: Tx | undefined) => Promise<void>,
  ): Promise<"processed" | "duplicate">;
  /** Releases what the store opened itself (never a client that was passed in). */
  close?(): Promise<void>;
}

/** Retention settings of {@link createInMemoryIdempotencyStore}. */
export interface InMemoryIdempotencyOptions {
  /** How long a processed key is remembered, in milliseconds. Default: 7 days. */
  retentionMs?: number;
  /** Most keys kept; the oldest are forgotten first. Default: 1,000,000. */
  maxKeys?: number;
  now?: () => number;
}

/** The embedded idempotency store, with lookups for tests and diagnostics. */
export interface InMemoryIdempotencyStore extends IdempotencyStore<undefined> {
  has(key: string): boolean;
  size(): number;
}

/**
 * The default, embedded store: a Map with time- and size-bounded retention. Not shared between
 * processes; consumers of one process sharing it (or one consumer's concurrent partitions) never run
 * the work for one key at the same time.
 */
export function createInMemoryIdempotencyStore(
  options: InMemoryIdempotencyOptions = {},
): InMemoryIdempotencyStore {
  const retention = options.retentionMs ?? 7 * 24 * 3600 * 1000;
  const maxKeys = options.maxKeys ?? 1_000_000;
  const now = options.now ?? Date.now;
  // Insertion order is expiry order, since every key gets the same retention.
  const seen = new Map<string, number>();
  const prune = () => {
    const t = now();
    for (const [key, at] of seen) {
      if (t - at < retention && seen.size <= maxKeys) break;
      seen.delete(key);
    }
  };
  const has = (key: string) => {
    prune();
    return seen.has(key);
  };
  // Keys whose work is running. Checking `seen` and running the work are not atomic (the work
  // awaits), so a second delivery of a reserved key waits for the first's outcome instead of
  // running beside it: a duplicate if the first succeeded, its own run if the first failed.
  const running = new Map<string, Promise<void>>();
  return {
    async process(key, work) {
      for (let busy = running.get(key); busy; busy = running.get(key)) await busy;
      if (has(key)) return "duplicate";
      let release: () => void = () => undefined;
      running.set(key, new Promise<void>((resolve) => (release = resolve)));
      try {
        await work(undefined);
        seen.delete(key);
        seen.set(key, now());
        prune();
        return "processed";
      } finally {
        running.delete(key);
        release();
      }
    },
    has,
    size: () => seen.size,
  };
}
