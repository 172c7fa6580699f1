import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumer } from "../../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../../src/runtime/message-spec.js";
import { createPublisher } from "../../../src/runtime/publisher.js";
import { createPostgresInbox } from "../../../src/runtime/stores/postgres-inbox.js";
import { postgresConfig, postgresUnavailable, requireService, uniqueName } from "./services.js";

const available = requireService("PostgreSQL", await postgresUnavailable());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(available)("PostgreSQL transactional inbox (real server)", () => {
  const pool = new pg.Pool({ ...postgresConfig, max: 6 });
  const tables: string[] = [];
  const schemas: string[] = [];
  const effects = uniqueName("effects");

  /** A fresh inbox table for one test, dropped after the run. */
  async function inbox(options: { retentionMs?: number } = {}) {
    const table = uniqueName("inbox");
    tables.push(table);
    const store = createPostgresInbox({ pool, table, ...options });
    await store.ensureSchema();
    return { store, table };
  }
  const effectCount = async (key: string) =>
    Number((await pool.query(`SELECT count(*) FROM ${effects} WHERE key = $1`, [key])).rows[0].count);

  beforeAll(async () => {
    await pool.query(`CREATE TABLE ${effects} (key text NOT NULL)`);
  });
  afterAll(async () => {
    for (const table of [effects, ...tables]) await pool.query(`DROP TABLE IF EXISTS "${table}"`);
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("runs the work once, commits its writes with the marker and skips the duplicate", async () => {
    const { store } = await inbox();
    let runs = 0;
    const work = async (tx: pg.PoolClient | undefined) => {
      runs++;
      await tx!.query(`INSERT INTO ${effects} (key) VALUES ('once')`);
    };
    expect(await store.has("once")).toBe(false);
    expect(await store.process("once", work)).toBe("processed");
    expect(await store.process("once", work)).toBe("duplicate");
    expect(runs).toBe(1);
    expect(await effectCount("once")).toBe(1);
    expect(await store.has("once")).toBe(true);
  });

  it("rolls back the handler's writes and the marker when the work fails, so a retry processes it", async () => {
    const { store, table } = await inbox();
    const failing = async (tx: pg.PoolClient | undefined) => {
      await tx!.query(`INSERT INTO ${effects} (key) VALUES ('fails-once')`);
      throw new Error("handler failed after its write");
    };
    await expect(store.process("fails-once", failing)).rejects.toThrow("handler failed after its write");
    expect(await effectCount("fails-once")).toBe(0);
    expect((await pool.query(`SELECT count(*) FROM "${table}"`)).rows[0].count).toBe("0");
    expect(await store.has("fails-once")).toBe(false);

    const succeeding = async (tx: pg.PoolClient | undefined) => {
      await tx!.query(`INSERT INTO ${effects} (key) VALUES ('fails-once')`);
    };
    expect(await store.process("fails-once", succeeding)).toBe("processed");
    expect(await effectCount("fails-once")).toBe(1);
  });

  it("makes the second of two concurrent deliveries of one key wait and then report a duplicate", async () => {
    const { store } = await inbox();
    let runs = 0;
    const slow = async (tx: pg.PoolClient | undefined) => {
      runs++;
      await tx!.query(`INSERT INTO ${effects} (key) VALUES ('concurrent')`);
      await sleep(300);
    };
    const outcomes = await Promise.all([
      store.process("concurrent", slow),
      store.process("concurrent", slow),
    ]);
    expect(outcomes.sort()).toEqual(["duplicate", "processed"]);
    expect(runs).toBe(1);
    expect(await effectCount("concurrent")).toBe(1);
  });

  it("lets the waiting delivery process the key when the first one rolls back", async () => {
    const { store } = await inbox();
    let runs = 0;
    const firstFails = async (tx: pg.PoolClient | undefined) => {
      runs++;
      await tx!.query(`INSERT INTO ${effects} (key) VALUES ('first-fails')`);
      await sleep(200);
      if (runs === 1) throw new Error("first delivery failed");
    };
    const [first, second] = await Promise.allSettled([
      store.process("first-fails", firstFails),
      (async () => {
        await sleep(50);
        return store.process("first-fails", firstFails);
      })(),
    ]);
    expect(first.status).toBe("rejected");
    expect(second).toEqual({ status: "fulfilled", value: "processed" });
    expect(runs).toBe(2);
    expect(await effectCount("first-fails")).toBe(1);
  });

  it("fails, and marks nothing, when a statement failed inside the transaction and the work caught it", async () => {
    const { store } = await inbox();
    // PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK and no error.
    const swallowing = async (tx: pg.PoolClient | undefined) => {
      await tx!.query(`INSERT INTO ${effects} (key) VALUES ('swallowed')`);
      await tx!.query("SELECT 1 / 0").catch(() => undefined);
    };
    const outcome = await store.process("swallowed", swallowing).catch((e: unknown) => e);
    expect(isEventlineRuntimeError(outcome) && outcome.code).toBe("TRANSACTION_ROLLED_BACK");
    expect((outcome as Error).message).toMatch(/rolled back/);
    expect(await effectCount("swallowed")).toBe(0);
    expect(await store.has("swallowed")).toBe(false);
    // The client went back to the pool in a usable state.
    expect(await store.process("swallowed", async () => undefined)).toBe("processed");
  });

  it("dead-letters, after its attempts, an event whose handler swallowed a failed statement", async () => {
    const { store } = await inbox();
    const spec: MessageSpec = { name: "PaymentTaken", topic: "payments.v1", type: "test.PaymentTaken.v1" };
    const broker = createInMemoryBroker();
    broker.createTopic("payments.v1");
    broker.createTopic("payments.dead-letter.v1");
    const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const publisher = createPublisher({ transport, source: "/services/payments", messages: [spec] });
    const id = uniqueName("swallowed");
    await publisher.publish("PaymentTaken", { id });
    let attempts = 0;
    const consumer = createConsumer({
      transport,
      groupId: uniqueName("billing"),
      messages: [spec],
      idempotency: store,
      deadLetter: { topic: "payments.dead-letter.v1", maxAttempts: 2 },
      sleep: async () => undefined,
      handlers: {
        PaymentTaken: async (event) => {
          attempts++;
          const tx = event.transaction as pg.PoolClient;
          await tx.query(`INSERT INTO ${effects} (key) VALUES ($1)`, [id]);
          await tx.query("SELECT no_such_column FROM pg_class").catch(() => undefined);
        },
      },
    });
    const subscription = consumer.start();
    const deadline = Date.now() + 5_000;
    while (consumer.stats.consumed + consumer.stats.deadLettered < 1 && Date.now() < deadline)
      await sleep(10);
    await subscription.stop();
    expect(consumer.stats).toMatchObject({ consumed: 0, retries: 1, deadLettered: 1 });
    expect(attempts).toBe(2);
    expect(await effectCount(id)).toBe(0);
    const [dead] = broker.inspect.records("payments.dead-letter.v1", 0);
    expect(dead?.headers["eventline-error"]).toMatch(/^handler failed after 2 attempts: .*rolled back/);
  });

  it("forgets markers after the retention and purges them", async () => {
    const { store, table } = await inbox({ retentionMs: 300 });
    const noop = async () => undefined;
    expect(await store.process("old", noop)).toBe("processed");
    expect(await store.process("kept", noop)).toBe("processed");
    expect(await store.process("old", noop)).toBe("duplicate");
    await sleep(400);
    expect(await store.has("old")).toBe(false);
    // An expired marker no longer makes a delivery a duplicate; processing refreshes it.
    expect(await store.process("kept", noop)).toBe("processed");
    expect(await store.purgeExpired()).toBe(1);
    const keys = (await pool.query(`SELECT key FROM "${table}"`)).rows.map((r) => r.key);
    expect(keys).toEqual(["kept"]);
    expect(await store.purgeExpired()).toBe(0);
  });

  it("keeps keys that differ only by NUL and backslash apart (NUL cannot be stored in text)", async () => {
    const { store } = await inbox();
    const noop = async () => undefined;
    const keys = ["group\u0000Order\u0000a", "group\\0Order\\0a", "group\\\u0000Order\u0000a"];
    for (const key of keys) expect(await store.process(key, noop)).toBe("processed");
    for (const key of keys) expect(await store.process(key, noop)).toBe("duplicate");
  });

  it("creates the table idempotently, also from concurrent callers, and in a given schema", async () => {
    const table = uniqueName("inbox");
    const schema = uniqueName("schema");
    schemas.push(schema);
    const store = createPostgresInbox({ pool, table, schema });
    await Promise.all([store.ensureSchema(), store.ensureSchema(), store.ensureSchema()]);
    await store.ensureSchema();
    const found = await pool.query(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2",
      [schema, table],
    );
    expect(found.rows[0].count).toBe("1");
    expect(await store.process("in-schema", async () => undefined)).toBe("processed");
    expect(await store.has("in-schema")).toBe(true);
  });

  it("rejects unsafe table and schema names and bad retentions with a clear error", () => {
    for (const table of [
      "bad-name",
      'quo"te',
      "x; DROP TABLE users",
      "1starts_with_digit",
      "",
      "a".repeat(49),
    ]) {
      expect(() => createPostgresInbox({ pool, table })).toThrowError(
        /PostgreSQL inbox table must be 1-48 letters/,
      );
    }
    expect(() => createPostgresInbox({ pool, schema: "public.evil" })).toThrowError(
      /PostgreSQL schema must be/,
    );
    for (const retentionMs of [0, -5, 1.5, Number.NaN, "1000" as unknown as number]) {
      let thrown: unknown;
      try {
        createPostgresInbox({ pool, retentionMs });
      } catch (error) {
        thrown = error;
      }
      expect(isEventlineRuntimeError(thrown) && thrown.code).toBe("STORE_OPTIONS_INVALID");
      expect((thrown as Error).message).toMatch(
        /retentionMs must be a positive whole number of milliseconds/,
      );
    }
  });

  it("destroys a client whose connection broke inside the work instead of returning it to the pool", async () => {
    const { store } = await inbox();
    let removed = 0;
    const onRemove = () => removed++;
    pool.on("remove", onRemove);
    const outcome = store.process("broken", async (tx) => {
      await tx!.query("SELECT pg_terminate_backend(pg_backend_pid())").catch(() => undefined);
      throw new Error("connection lost in the handler");
    });
    await expect(outcome).rejects.toThrow("connection lost in the handler");
    pool.off("remove", onRemove);
    expect(removed).toBe(1);
    // Every pooled client still works: the broken one was not put back.
    await Promise.all(
      Array.from({ length: 6 }, () => store.process(`after-${Math.random()}`, async () => undefined)),
    );
    expect(await store.process("broken", async () => undefined)).toBe("processed");
  });

  it("gives the consumer's handler the transaction and skips a redelivered event (in-memory transport)", async () => {
    const { store } = await inbox();
    const spec: MessageSpec = { name: "PaymentTaken", topic: "payments.v1", type: "test.PaymentTaken.v1" };
    const broker = createInMemoryBroker();
    broker.createTopic("payments.v1", { partitions: 2 });
    const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const publisher = createPublisher({ transport, source: "/services/payments", messages: [spec] });
    const consumer = createConsumer({
      transport,
      groupId: uniqueName("billing"),
      messages: [spec],
      idempotency: store,
      handlers: {
        PaymentTaken: async (event) => {
          const tx = event.transaction as pg.PoolClient;
          await tx.query(`INSERT INTO ${effects} (key) VALUES ($1)`, [(event.payload as { id: string }).id]);
        },
      },
    });
    const subscription = consumer.start();
    const id = uniqueName("payment");
    const sent = await publisher.publish("PaymentTaken", { id });
    // The same event again, as a producer retry or a replay would deliver it.
    await publisher.publish("PaymentTaken", { id }, { id: sent.id });
    await publisher.publish("PaymentTaken", { id: `${id}-other` });
    const deadline = Date.now() + 5_000;
    while (consumer.stats.consumed + consumer.stats.duplicates < 3 && Date.now() < deadline) await sleep(10);
    await subscription.stop();
    expect(consumer.stats).toMatchObject({ consumed: 2, duplicates: 1 });
    expect(await effectCount(id)).toBe(1);
    expect(await effectCount(`${id}-other`)).toBe(1);
  });
});
