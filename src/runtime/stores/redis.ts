import { randomUUID } from "node:crypto";
// Type-only: `eventline/runtime` must load without the optional `ioredis` peer; the caller passes the client.
import type { Redis } from "ioredis";
import { EventlineRuntimeError } from "../errors.js";
import type { IdempotencyStore } from "../idempotency.js";
import { DEFAULT_RETENTION_MS, durationMs } from "./options.js";

/** Settings of {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyOptions {
  /** An ioredis client; the store never disconnects it. */
  redis: Redis;
  /** Prepended to every key. Default `eventline:processed:`. */
  prefix?: string;
  /** How long a processed key is remembered (the key's PX expiry), in milliseconds. Default 7 days. */
  ttlMs?: number;
  /**
   * How long a reservation outlives a consumer that stopped renewing it (a killed process), in
   * milliseconds; a running handler renews it every third of that. Default 30 s, Kafka's default
   * session timeout, after which the group hands the partition on anyway.
   */
  leaseMs?: number;
}

/** The idempotency store on Redis (ioredis), shared by the processes of a consumer group. */
export interface RedisIdempotencyStore extends IdempotencyStore<undefined> {
  /** Whether `key` is marked processed (Redis expires markers after the TTL by itself). */
  has(key: string): Promise<boolean>;
}

const PROCESSED = "1";
const RESERVED = "reserved:";
const WAIT_MS = 25;
// Compare-and-act on the reservation's token, so a consumer whose lease already passed to another
// never extends or deletes that other one's reservation.
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/**
 * Deduplication shared by any number of processes. `process` reserves the key (`SET key
 * reserved:<token> PX lease NX`), runs the handler (with `event.transaction` undefined) while
 * renewing the lease, then marks the key processed (`SET key 1 PX ttl`); a failed handler releases
 * the reservation. A delivery that finds the key reserved waits for that outcome: a duplicate when
 * it succeeded, its own run when it failed. A reservation left by a killed consumer holds the key
 * until its lease runs out; the redelivery waits that long, then runs.
 *
 * Redis cannot commit the handler's effects with the marker, so a crash between the effect and the
 * mark, or a failed mark (which fails the attempt, so the consumer retries it), repeats the effect on
 * redelivery; so does a handler that outlives its lease because renewals could not reach Redis.
 * Effects must tolerate that; use the PostgreSQL inbox or the SQLite store when they cannot.
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
  const lease = durationMs(options.leaseMs, "leaseMs", 30_000);
  return {
    async process(key, work) {
      const id = prefix + key;
      const token = RESERVED + randomUUID();
      while ((await redis.set(id, token, "PX", lease, "NX")) !== "OK") {
        const value = await redis.get(id);
        if (value !== null && !value.startsWith(RESERVED)) return "duplicate";
        if (value !== null) await sleep(WAIT_MS);
      }
      const renewal = setInterval(
        () => void redis.eval(RENEW, 1, id, token, lease).catch(() => undefined),
        Math.max(1, Math.floor(lease / 3)),
      );
      try {
        await work(undefined);
      } catch (error) {
        clearInterval(renewal);
        // Best effort: if Redis is unreachable now, the lease frees the key later.
        await redis.eval(RELEASE, 1, id, token).catch(() => undefined);
        throw error;
      }
      clearInterval(renewal);
      await redis.set(id, PROCESSED, "PX", ttl);
      return "processed";
    },
    async has(key) {
      const value = await redis.get(prefix + key);
      return value !== null && !value.startsWith(RESERVED);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
