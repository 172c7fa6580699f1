import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { isEventlineRuntimeError } from "../../../src/runtime/errors.js";
import { createRedisIdempotencyStore } from "../../../src/runtime/stores/redis.js";
import { redisUnavailable, redisUrl, requireService, uniqueName } from "./services.js";

const available = requireService("Redis", await redisUnavailable());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(available)("Redis idempotency store (real server)", () => {
  const redis = new Redis(redisUrl);
  const prefix = `${uniqueName("eventline_test")}:`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("runs the work once, marks the key with the TTL and skips the duplicate", async () => {
    const store = createRedisIdempotencyStore({ redis, prefix, ttlMs: 60_000 });
    let runs = 0;
    const work = async (tx: undefined) => {
      expect(tx).toBeUndefined();
      runs++;
    };
    expect(await store.process("group\u0000Order\u0000o-1", work)).toBe("processed");
    expect(await store.process("group\u0000Order\u0000o-1", work)).toBe("duplicate");
    expect(runs).toBe(1);
    expect(await store.has("group\u0000Order\u0000o-1")).toBe(true);
    const ttl = await redis.pttl(`${prefix}group\u0000Order\u0000o-1`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("does not mark a key whose work failed, so a retry processes it", async () => {
    const store = createRedisIdempotencyStore({ redis, prefix });
    await expect(
      store.process("fails-once", async () => {
        throw new Error("handler failed");
      }),
    ).rejects.toThrow("handler failed");
    expect(await store.has("fails-once")).toBe(false);
    expect(await store.process("fails-once", async () => undefined)).toBe("processed");
    // Default TTL: 7 days.
    expect(await redis.pttl(`${prefix}fails-once`)).toBeGreaterThan(7 * 24 * 3600 * 1000 - 60_000);
  });

  it("forgets a key after the TTL", async () => {
    const store = createRedisIdempotencyStore({ redis, prefix, ttlMs: 150 });
    expect(await store.process("short-lived", async () => undefined)).toBe("processed");
    expect(await store.process("short-lived", async () => undefined)).toBe("duplicate");
    await sleep(250);
    expect(await store.has("short-lived")).toBe(false);
    expect(await store.process("short-lived", async () => undefined)).toBe("processed");
  });

  it("reserves a key while its work runs: a concurrent delivery waits, then is a duplicate", async () => {
    const store = createRedisIdempotencyStore({ redis, prefix });
    let runs = 0;
    const slow = async () => {
      runs++;
      await sleep(150);
    };
    const first = store.process("race", slow);
    await sleep(20);
    // Running is not processed: the reservation is not a marker.
    expect(await store.has("race")).toBe(false);
    const outcomes = await Promise.all([first, store.process("race", slow)]);
    expect(outcomes).toEqual(["processed", "duplicate"]);
    expect(runs).toBe(1);
    expect(await store.has("race")).toBe(true);
  });

  it("runs two stores (two processes) on one key once, also when the work outlives the lease", async () => {
    const other = new Redis(redisUrl);
    const a = createRedisIdempotencyStore({ redis, prefix, leaseMs: 120 });
    const b = createRedisIdempotencyStore({ redis: other, prefix, leaseMs: 120 });
    let runs = 0;
    const long = async () => {
      runs++;
      await sleep(450);
    };
    try {
      const outcomes = await Promise.all([a.process("long", long), b.process("long", long)]);
      expect(outcomes.sort()).toEqual(["duplicate", "processed"]);
      expect(runs).toBe(1);
    } finally {
      other.disconnect();
    }
  });

  it("lets the waiting delivery run when the first one fails (its reservation is released)", async () => {
    const store = createRedisIdempotencyStore({ redis, prefix });
    const runs: string[] = [];
    const first = store.process("first-fails", async () => {
      runs.push("first");
      await sleep(100);
      throw new Error("first delivery failed");
    });
    await sleep(20);
    const started = Date.now();
    const second = store.process("first-fails", async () => void runs.push("second"));
    await expect(first).rejects.toThrow("first delivery failed");
    expect(await second).toBe("processed");
    expect(runs).toEqual(["first", "second"]);
    // Released at once, not left to expire with the (30 s) lease.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("frees the reservation of a consumer that died mid-work once its lease expires", async () => {
    const dying = new Redis(redisUrl);
    const crashed = createRedisIdempotencyStore({ redis: dying, prefix, leaseMs: 300 });
    let runs = 0;
    // The work never finishes and the connection goes away, as with a killed process.
    void crashed
      .process("orphaned", async () => {
        runs++;
        dying.disconnect();
        await new Promise(() => undefined);
      })
      .catch(() => undefined);
    await sleep(50);
    const store = createRedisIdempotencyStore({ redis, prefix, leaseMs: 300 });
    const started = Date.now();
    expect(await store.process("orphaned", async () => void runs++)).toBe("processed");
    expect(runs).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("fails the attempt when the marker cannot be written", async () => {
    const broken = new Redis(redisUrl);
    const store = createRedisIdempotencyStore({ redis: broken, prefix });
    let runs = 0;
    const outcome = store.process("unmarked", async () => {
      runs++;
      broken.disconnect();
    });
    await expect(outcome).rejects.toThrow(/Connection is closed/);
    expect(runs).toBe(1);
    expect(await createRedisIdempotencyStore({ redis, prefix }).has("unmarked")).toBe(false);
  });

  it("rejects a bad TTL or prefix with a clear error", () => {
    for (const ttlMs of [0, -1, 0.5, "60000" as unknown as number]) {
      let thrown: unknown;
      try {
        createRedisIdempotencyStore({ redis, ttlMs });
      } catch (error) {
        thrown = error;
      }
      expect(isEventlineRuntimeError(thrown) && thrown.code).toBe("STORE_OPTIONS_INVALID");
      expect((thrown as Error).message).toMatch(/^ttlMs must be a positive whole number of milliseconds/);
    }
    expect(() => createRedisIdempotencyStore({ redis, prefix: 42 as unknown as string })).toThrowError(
      "prefix must be a string; got 42",
    );
    expect(() => createRedisIdempotencyStore({ redis, leaseMs: -1 })).toThrowError(
      /^leaseMs must be a positive whole number of milliseconds/,
    );
  });
});
