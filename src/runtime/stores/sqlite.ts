import { createRequire } from "node:module";
// Type-only: `eventline/runtime` must load without the optional `better-sqlite3` peer. It is loaded
// (synchronously, through require) only when the caller passes a file path instead of a Database.
import type BetterSqlite3 from "better-sqlite3";
import { EventlineRuntimeError } from "../errors.js";
import type { IdempotencyStore } from "../idempotency.js";
import { DEFAULT_RETENTION_MS, durationMs, quoteIdentifier, textKey } from "./options.js";

type Database = BetterSqlite3.Database;

/** Settings of {@link createSqliteIdempotencyStore}. */
export interface SqliteIdempotencyOptions {
  /**
   * An open better-sqlite3 (12.x) Database, which the store uses but never closes; or a file path,
   * which the store opens (WAL journal) and `close()` closes.
   */
  db: Database | string;
  /** Table name (letters, digits, underscores; at most 48). Default `eventline_processed`. */
  table?: string;
  /** How long a processed key is remembered, in milliseconds. Default 7 days. */
  retentionMs?: number;
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
}

/** The idempotency store on SQLite (better-sqlite3), for one process with a local file. */
export interface SqliteIdempotencyStore extends IdempotencyStore<Database> {
  /** Deletes markers older than the retention; returns how many. */
  purgeExpired(): number;
  /** Whether `key` is marked processed (within the retention). */
  has(key: string): boolean;
  /** Waits for the running `process`, then closes the database if the store opened it. */
  close(): Promise<void>;
}

/**
 * A durable, embedded store with the PostgreSQL inbox's guarantee: `process` runs the handler inside
 * `BEGIN IMMEDIATE … COMMIT` on the store's connection and passes that Database as
 * `event.transaction`, so the handler's writes to this database and the processed-marker commit
 * together. A crash before COMMIT keeps neither; after it, the redelivery is a duplicate.
 *
 * One connection holds one transaction, and better-sqlite3 is synchronous while handlers are not: a
 * second `process` starting while a handler awaits would find the transaction already open (or its
 * statements would join it). So `process` calls are serialised through a promise-chain mutex —
 * handlers using one store run one at a time, and nothing else should write through that connection
 * while a handler runs. Processes sharing the database file serialise on SQLite's write lock (the
 * IMMEDIATE), waiting up to the connection's busy timeout; a handler holding it longer makes theirs
 * fail with SQLITE_BUSY, which the consumer retries. Concurrent deliveries of one key are therefore
 * never handled side by side: the second claims the key after the first committed (a duplicate) or
 * rolled back (it runs). Within one process, give every consumer the same store: a second
 * connection's `BEGIN IMMEDIATE` waits synchronously (better-sqlite3), blocking the event loop and
 * with it the handler it waits for, until the busy timeout fails it.
 */
export function createSqliteIdempotencyStore(options: SqliteIdempotencyOptions): SqliteIdempotencyStore {
  const table = quoteIdentifier(options.table ?? "eventline_processed", "SQLite table", 48);
  const index = quoteIdentifier(`${options.table ?? "eventline_processed"}_processed_at`, "index", 63);
  const retention = durationMs(options.retentionMs, "retentionMs", DEFAULT_RETENTION_MS);
  const now = options.now ?? Date.now;
  const owned = typeof options.db === "string";
  const db = typeof options.db === "string" ? open(options.db) : options.db;

  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, processed_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ${index} ON ${table} (processed_at);`);
  // An expired marker counts as absent: the upsert refreshes it and reports one change, like an insert.
  const claim = db.prepare(`INSERT INTO ${table} (key, processed_at) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET processed_at = excluded.processed_at WHERE processed_at < ?`);
  const purge = db.prepare(`DELETE FROM ${table} WHERE processed_at < ?`);
  const lookup = db.prepare(`SELECT 1 FROM ${table} WHERE key = ? AND processed_at >= ?`);

  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(body: () => Promise<T>): Promise<T> => {
    const result = tail.then(body);
    tail = result.catch(() => undefined);
    return result;
  };
  let closed = false;

  return {
    process(key, work) {
      return exclusive(async () => {
        if (closed) throw new EventlineRuntimeError("STORE_CLOSED", "the SQLite idempotency store is closed");
        db.exec("BEGIN IMMEDIATE");
        try {
          const t = now();
          if (claim.run(textKey(key), t, t - retention).changes === 0) {
            db.exec("ROLLBACK");
            return "duplicate";
          }
          await work(db);
          db.exec("COMMIT");
          return "processed";
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      });
    },

    purgeExpired: () => purge.run(now() - retention).changes,

    has: (key) => lookup.get(textKey(key), now() - retention) !== undefined,

    close() {
      return exclusive(async () => {
        if (closed) return;
        closed = true;
        if (owned) db.close();
      });
    },
  };
}

function open(path: string): Database {
  let Driver: typeof BetterSqlite3;
  try {
    Driver = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  } catch (error) {
    throw new EventlineRuntimeError(
      "STORE_DEPENDENCY_MISSING",
      "opening a SQLite file needs the optional peer dependency better-sqlite3 12.x (npm install better-sqlite3@12), or pass an open Database as `db`",
      { cause: error },
    );
  }
  try {
    const db = new Driver(path);
    db.pragma("journal_mode = WAL");
    return db;
  } catch (error) {
    throw new EventlineRuntimeError(
      "STORE_OPEN_FAILED",
      `cannot open the SQLite database ${JSON.stringify(path)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
