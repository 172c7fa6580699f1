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

  it("is best-effort: two deliveries handled at the same moment both run (documented)", async () => {
    const store = createRedisIdempotencyStore({ redis, prefix });
    let runs = 0;
    const slow = async () => {
      runs++;
      await sleep(50);
    };
    const outcomes = await Promise.all([store.process("race", slow), store.process("race", slow)]);
    expect(outcomes).toEqual(["processed", "processed"]);
    expect(runs).toBe(2);
    expect(await store.process("race", slow)).toBe("duplicate");
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
  });
});
