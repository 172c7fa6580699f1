import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { expect, it } from "vitest";

/** The services the store tests talk to (overridable for other machines). */
export const postgresConfig: pg.PoolConfig = {
  connectionString: process.env.EVENTLINE_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test",
  connectionTimeoutMillis: 3_000,
};
export const redisUrl = process.env.EVENTLINE_TEST_REDIS ?? "redis://127.0.0.1:6379";

/** Why PostgreSQL cannot be used, or "" when it answers. */
export async function postgresUnavailable(): Promise<string> {
  const client = new pg.Client(postgresConfig);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "";
  } catch (error) {
    return `PostgreSQL at ${postgresConfig.connectionString} does not answer: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why Redis cannot be used, or "" when it answers PING. */
export async function redisUnavailable(): Promise<string> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connection's own error (ECONNREFUSED…) says more than the rejected connect().
  let cause: Error | undefined;
  redis.on("error", (error: Error) => {
    cause ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return "";
  } catch (error) {
    return `Redis at ${redisUrl} does not answer: ${(cause ?? (error as Error)).message}`;
  } finally {
    redis.disconnect();
  }
}

/**
 * Without the service the suite is skipped with the reason, except under CI=true, where a missing
 * service is a failed test. Returns whether the suite can run.
 */
export function requireService(name: string, reason: string): boolean {
  if (reason === "") return true;
  if (process.env.CI === "true") {
    it(`needs ${name} under CI`, () => {
      expect.fail(`${name} is required under CI=true: ${reason}`);
    });
  } else {
    console.warn(`${name} tests skipped: ${reason}`);
    it.skip(`${name} tests (skipped: ${reason})`, () => {});
  }
  return false;
}

/** A table name or key prefix no other run (or test) uses. */
export function uniqueName(base: string): string {
  return `${base}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}
