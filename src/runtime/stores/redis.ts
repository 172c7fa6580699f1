// Type-only: `eventline/runtime` must load without the optional `ioredis` peer; the caller passes the client.
import type { Redis } from "ioredis";
import { EventlineRuntimeError } from "../errors.js";
import type { IdempotencyStore } from "../idempotency.js";
import { DEFAULT_RETENTION_MS, durationMs } from "./options.js";

export interface RedisIdempotencyOptions {
  /** An ioredis client; the store never disconnects it. */
  redis: Redis;
  /** Prepended to every key. Default `eventline:processed:`. */
  prefix?: string;
  /** How long a processed key is remembered (the key's PX expiry), in milliseconds. Default 7 days. */
  ttlMs?: number;
}

export interface RedisIdempotencyStore extends IdempotencyStore<undefined> {
  /** Whether `key` is marked processed (Redis expires markers after the TTL by itself). */
  has(key: string): Promise<boolean>;
}

/**
 * Best-effort deduplication shared by any number of processes: `process` skips a key that EXISTS,
 * otherwise runs the handler (with `event.transaction` undefined) and then marks the key with
 * `SET key 1 PX ttl NX`. Redis cannot commit the handler's effects with the marker, so a crash
 * between the effect and the mark, or a failed mark (which fails the attempt, so the consumer
 * retries it), repeats the effect on redelivery; so can two deliveries of one key handled at the same
 * moment (both see no marker). Effects must tolerate that; use the PostgreSQL inbox or the SQLite
 * store when they cannot.
 *
 * Why mark after rather than claim first (SET NX before the handler, extended after): a claim left by
 * a crashed consumer would make the redelivery look in progress until the claim expired, so the
 * message would have to be retried for that long or dropped. Marking after never loses a message;
 * its failure mode is the repeat described above, which is what at-least-once already allows.
 */
export function createRedisIdempotencyStore(options: RedisIdempotencyOptions): RedisIdempotencyStore {
  const { redis } = options;
  const prefix = options.prefix ?? "eventline:processed:";
  if (typeof prefix !== "string") {
    throw new EventlineRuntimeError(
      "STORE_OPTIONS_INVALID",
      `prefix must be a string; got ${JSON.stringify(prefix)}`,
    );
  }
  const ttl = durationMs(options.ttlMs, "ttlMs", DEFAULT_RETENTION_MS);
  const has = async (key: string) => (await redis.exists(prefix + key)) > 0;
  return {
    async process(key, work) {
      if (await has(key)) return "duplicate";
      await work(undefined);
      // NX: a concurrent delivery that marked first keeps its expiry; the outcome is the same.
      await redis.set(prefix + key, "1", "PX", ttl, "NX");
      return "processed";
    },
    has,
  };
}
