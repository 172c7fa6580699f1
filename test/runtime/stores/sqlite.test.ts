import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { isEventlineRuntimeError } from "../../../src/runtime/errors.js";
import { createSqliteIdempotencyStore } from "../../../src/runtime/stores/sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "eventline-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = () => join(dir, `store-${++files}.db`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database file with an effects table the handlers write to. */
function database() {
  const db = new Database(file());
  db.exec("CREATE TABLE effects (key TEXT NOT NULL)");
  const effectCount = (key: string) =>
    (db.prepare("SELECT count(*) AS n FROM effects WHERE key = ?").get(key) as { n: number }).n;
  return { db, effectCount };
}
const insertEffect = (tx: Database.Database | undefined, key: string) =>
  tx!.prepare("INSERT INTO effects (key) VALUES (?)").run(key);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isEventlineRuntimeError(error) ? `${error.code}: ${error.message}` : String(error);
  }
  return undefined;
}

describe("SQLite idempotency store (better-sqlite3, temp file)", () => {
  it("runs the work once inside the transaction and skips the duplicate", async () => {
    const { db, effectCount } = database();
    const store = createSqliteIdempotencyStore({ db });
    let runs = 0;
    const work = async (tx: Database.Database | undefined) => {
      runs++;
      expect(tx).toBe(db);
      expect(db.inTransaction).toBe(true);
      insertEffect(tx, "once");
    };
    expect(store.has("once")).toBe(false);
    expect(await store.process("once", work)).toBe("processed");
    expect(await store.process("once", work)).toBe("duplicate");
    expect(runs).toBe(1);
    expect(effectCount("once")).toBe(1);
    expect(store.has("once")).toBe(true);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it("rolls back the handler's writes and the marker when the work fails, so a retry processes it", async () => {
    const { db, effectCount } = database();
    const store = createSqliteIdempotencyStore({ db, table: "inbox" });
    await expect(
      store.process("fails-once", async (tx) => {
        insertEffect(tx, "fails-once");
        await sleep(5);
        throw new Error("handler failed after its write");
      }),
    ).rejects.toThrow("handler failed after its write");
    expect(effectCount("fails-once")).toBe(0);
    expect((db.prepare("SELECT count(*) AS n FROM inbox").get() as { n: number }).n).toBe(0);
    expect(db.inTransaction).toBe(false);
    expect(await store.process("fails-once", async (tx) => void insertEffect(tx, "fails-once"))).toBe(
      "processed",
    );
    expect(effectCount("fails-once")).toBe(1);
    db.close();
  });

  it("serialises process calls on the connection: one handler at a time, each in its own transaction", async () => {
    const { db, effectCount } = database();
    const store = createSqliteIdempotencyStore({ db });
    const events: string[] = [];
    const work = (key: string, fail: boolean) => async (tx: Database.Database | undefined) => {
      events.push(`start ${key}`);
      insertEffect(tx, key);
      await sleep(30);
      events.push(`end ${key}`);
      if (fail) throw new Error(`${key} failed`);
    };
    const outcomes = await Promise.allSettled([
      store.process("a", work("a", false)),
      store.process("b", work("b", true)),
      store.process("a", work("a", false)),
      store.process("c", work("c", false)),
    ]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : "failed"))).toEqual([
      "processed",
      "failed",
      "duplicate",
      "processed",
    ]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    // b's failure rolled back only b's transaction.
    expect([effectCount("a"), effectCount("b"), effectCount("c")]).toEqual([1, 0, 1]);
    db.close();
  });

  it("lets a waiting delivery of the same key run when the first one fails", async () => {
    const { db, effectCount } = database();
    const store = createSqliteIdempotencyStore({ db });
    const runs: string[] = [];
    const [first, second] = await Promise.allSettled([
      store.process("k", async (tx) => {
        runs.push("first");
        insertEffect(tx, "k");
        await sleep(30);
        throw new Error("first delivery failed");
      }),
      store.process("k", async (tx) => {
        runs.push("second");
        insertEffect(tx, "k");
      }),
    ]);
    expect(first.status).toBe("rejected");
    expect(second).toEqual({ status: "fulfilled", value: "processed" });
    expect(runs).toEqual(["first", "second"]);
    expect(effectCount("k")).toBe(1);
    db.close();
  });

  it("forgets markers after the retention and purges them", async () => {
    const { db } = database();
    let now = 1_000_000;
    const store = createSqliteIdempotencyStore({ db, retentionMs: 1_000, now: () => now });
    const noop = async () => undefined;
    expect(await store.process("old", noop)).toBe("processed");
    expect(await store.process("kept", noop)).toBe("processed");
    now += 999;
    expect(await store.process("old", noop)).toBe("duplicate");
    now += 2;
    expect(store.has("old")).toBe(false);
    // An expired marker no longer makes a delivery a duplicate; processing refreshes it.
    expect(await store.process("kept", noop)).toBe("processed");
    expect(store.purgeExpired()).toBe(1);
    expect(store.has("kept")).toBe(true);
    expect(store.purgeExpired()).toBe(0);
    db.close();
  });

  it("opens a file path, owns it, and remembers processed keys across reopening", async () => {
    const path = file();
    const first = createSqliteIdempotencyStore({ db: path });
    expect(
      await first.process("durable\u0000key", async (tx) => {
        tx!.exec("CREATE TABLE IF NOT EXISTS effects (key TEXT)");
        insertEffect(tx, "durable");
      }),
    ).toBe("processed");
    await first.close();
    await first.close();
    await expect(first.process("another", async () => undefined)).rejects.toThrow(
      "the SQLite idempotency store is closed",
    );

    const second = createSqliteIdempotencyStore({ db: path });
    expect(await second.process("durable\u0000key", async () => undefined)).toBe("duplicate");
    expect(await second.process("durable\\0key", async () => undefined)).toBe("processed");
    await second.close();

    const check = new Database(path, { readonly: true });
    expect(check.pragma("journal_mode", { simple: true })).toBe("wal");
    expect((check.prepare("SELECT count(*) AS n FROM effects").get() as { n: number }).n).toBe(1);
    check.close();
  });

  it("leaves a Database it was given open on close()", async () => {
    const { db } = database();
    const store = createSqliteIdempotencyStore({ db });
    await store.close();
    expect(db.open).toBe(true);
    db.close();
  });

  it("reports a path it cannot open, unsafe table names and bad retentions clearly", () => {
    expect(codeOf(() => createSqliteIdempotencyStore({ db: join(dir, "missing-dir", "x.db") }))).toMatch(
      /^STORE_OPEN_FAILED: cannot open the SQLite database ".*missing-dir\/x\.db": /,
    );
    const db = new Database(":memory:");
    for (const table of ["bad-name", 'quo"te', "x; DROP TABLE t", "9lives", "", "t".repeat(49)]) {
      expect(codeOf(() => createSqliteIdempotencyStore({ db, table }))).toMatch(
        /^STORE_OPTIONS_INVALID: SQLite table must be 1-48 letters, digits or underscores/,
      );
    }
    for (const retentionMs of [0, -1, 2.5, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => createSqliteIdempotencyStore({ db, retentionMs }))).toMatch(
        /^STORE_OPTIONS_INVALID: retentionMs must be a positive whole number/,
      );
    }
    // Nothing was created for the rejected names.
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master").get()).toEqual({ n: 0 });
    db.close();
  });
});
