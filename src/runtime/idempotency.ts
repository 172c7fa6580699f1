/**
 * Remembers which messages were processed, so a redelivered one is skipped. `claim` and `complete`
 * bracket the handler: a store that is transactional (PostgreSQL, in a later release) commits the
 * marker with the handler's own writes.
 */
export interface IdempotencyStore {
  /** True when `key` was already processed (within the retention window). */
  has(key: string): Promise<boolean>;
  /** Records `key` as processed. */
  add(key: string): Promise<void>;
}

export interface InMemoryIdempotencyOptions {
  /** How long a processed key is remembered, in milliseconds. Default: 7 days. */
  retentionMs?: number;
  /** Most keys kept; the oldest are forgotten first. Default: 1,000,000. */
  maxKeys?: number;
  now?: () => number;
}

/** The default, embedded store: a Map with time- and size-bounded retention. Not shared between processes. */
export function createInMemoryIdempotencyStore(
  options: InMemoryIdempotencyOptions = {},
): IdempotencyStore & { size(): number } {
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
  return {
    async has(key) {
      prune();
      return seen.has(key);
    },
    async add(key) {
      seen.delete(key);
      seen.set(key, now());
      prune();
    },
    size: () => seen.size,
  };
}
