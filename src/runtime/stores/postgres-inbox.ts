// Type-only: `eventline/runtime` must load without the optional `pg` peer; the caller passes the pool.
import type { Pool, PoolClient } from "pg";
import { EventlineRuntimeError } from "../errors.js";
import type { IdempotencyStore } from "../idempotency.js";
import { DEFAULT_RETENTION_MS, durationMs, quoteIdentifier, textKey } from "./options.js";

/** Settings of {@link createPostgresInbox}. */
export interface PostgresInboxOptions {
  /** A `pg` Pool; the inbox borrows one client per message and never ends the pool. */
  pool: Pool;
  /** Inbox table name (letters, digits, underscores; at most 48). Default `eventline_inbox`. */
  table?: string;
  /** Schema of the table. Default: the connection's search_path (usually `public`). */
  schema?: string;
  /**
   * How long a processed key is remembered, in milliseconds (default 7 days). An older marker no
   * longer makes a redelivery a duplicate; `purgeExpired()` deletes such rows.
   */
  retentionMs?: number;
}

/**
 * The transactional idempotency store on PostgreSQL: the handler writes through the transaction it is
 * given and the processed marker commits with those writes.
 */
export interface PostgresInbox extends IdempotencyStore<PoolClient> {
  /** Creates the schema (when given), the table and its index if missing; safe to call concurrently. */
  ensureSchema(): Promise<void>;
  /** Deletes markers older than the retention; returns how many. Run it periodically. */
  purgeExpired(): Promise<number>;
  /** Whether `key` is marked processed (committed and within the retention). */
  has(key: string): Promise<boolean>;
}

/**
 * The transactional inbox. For each message `process` takes a client from the pool, BEGINs, inserts
 * the processed-marker and, when that inserted a row, runs the handler with that client as
 * `event.transaction`, then COMMITs: the handler's writes and the marker commit together or not at
 * all. A crash before COMMIT leaves neither (the redelivery processes the message again); a crash
 * after COMMIT leaves both (the redelivery finds the marker and is skipped). Effects are applied
 * exactly once only for writes the handler makes through `event.transaction`; writes through any
 * other connection commit on their own and can repeat. A COMMIT that PostgreSQL answers with
 * ROLLBACK (a statement failed inside the transaction and the handler caught the error) fails the
 * attempt with TRANSACTION_ROLLED_BACK.
 *
 * The marker's row lock also orders concurrent deliveries of one key (a rebalance can hand a
 * message to a second consumer while the first still handles it): the second INSERT waits for the
 * first transaction, then sees its committed marker and reports a duplicate, or, if it rolled back,
 * processes the message itself.
 */
export function createPostgresInbox(options: PostgresInboxOptions): PostgresInbox {
  const { pool } = options;
  const tableName = options.table ?? "eventline_inbox";
  // 48 leaves room for the derived index name within PostgreSQL's 63-byte identifiers.
  const table = quoteIdentifier(tableName, "PostgreSQL inbox table", 48);
  const schema =
    options.schema === undefined ? undefined : quoteIdentifier(options.schema, "PostgreSQL schema", 63);
  const qualified = schema ? `${schema}.${table}` : table;
  const index = quoteIdentifier(`${tableName}_processed_at`, "index", 63);
  const retentionSeconds = durationMs(options.retentionMs, "retentionMs", DEFAULT_RETENTION_MS) / 1000;

  // An expired marker counts as absent: the upsert refreshes it and reports one row, like an insert.
  const claim = `INSERT INTO ${qualified} AS inbox (key, processed_at) VALUES ($1, now())
    ON CONFLICT (key) DO UPDATE SET processed_at = excluded.processed_at
    WHERE inbox.processed_at < now() - make_interval(secs => $2)`;

  async function inTransaction<T>(body: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // While checked out, a lost connection is reported as an 'error' event (which would crash the
    // process unheard) and as the rejection of the pending query; the rejection is what we act on.
    client.on("error", ignore);
    // A client whose ROLLBACK failed is in an unknown state: destroy it instead of pooling it.
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await body(client);
      const committed = await client.query("COMMIT");
      // A statement that failed inside the transaction aborts it even when the handler caught the
      // error; PostgreSQL then answers COMMIT with ROLLBACK and no error. Nothing was written, so
      // this is a failed attempt, not a processed message.
      if (committed.command === "ROLLBACK") {
        throw new EventlineRuntimeError(
          "TRANSACTION_ROLLED_BACK",
          "the transaction was rolled back at COMMIT: a statement inside it failed (and the error was caught), so nothing was written",
        );
      }
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.off("error", ignore);
      client.release(broken);
    }
  }

  const duplicate = Symbol("duplicate");

  return {
    async process(key, work) {
      try {
        await inTransaction(async (client) => {
          const claimed = await client.query(claim, [textKey(key), retentionSeconds]);
          // Throwing rolls back the empty transaction; nothing else was written in it.
          if (claimed.rowCount === 0) throw duplicate;
          await work(client);
        });
        return "processed";
      } catch (error) {
        if (error === duplicate) return "duplicate";
        throw error;
      }
    },

    async ensureSchema() {
      await inTransaction(async (client) => {
        // Two processes creating the same table at once can both pass IF NOT EXISTS and collide in
        // the catalog; a transaction-scoped advisory lock on the table name serialises them.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`eventline_inbox:${qualified}`]);
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${qualified} (key text PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now())`,
        );
        await client.query(`CREATE INDEX IF NOT EXISTS ${index} ON ${qualified} (processed_at)`);
      });
    },

    async purgeExpired() {
      const result = await pool.query(
        `DELETE FROM ${qualified} WHERE processed_at < now() - make_interval(secs => $1)`,
        [retentionSeconds],
      );
      return result.rowCount ?? 0;
    },

    async has(key) {
      const result = await pool.query(
        `SELECT 1 FROM ${qualified} WHERE key = $1 AND processed_at >= now() - make_interval(secs => $2)`,
        [textKey(key), retentionSeconds],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}

const ignore = () => undefined;
