#!/usr/bin/env node
// Runtime benchmark: Eventline's publisher and consumer against raw kafkajs on a real broker, the
// consumer with the PostgreSQL inbox, the in-memory transport, and the per-message cost of
// validation + envelope.
//
//   npm run build && npm run bench:runtime                 # 2,000 messages per measurement, 3 runs
//   node bench/runtime.mjs --messages 500 --runs 1         # quick run
//
// Runs against the built code in dist/. The broker: KAFKA_BROKERS, else test/kafka/broker.sh start
// (reused when already running; stopped at the end only if this run started it). PostgreSQL:
// EVENTLINE_BENCH_PG (a connection string), default postgres://postgres@127.0.0.1:5432/test. A part
// whose service is missing is reported as not measured. It is a report: the exit code is 0 whether or
// not the targets are met, and non-zero only when something crashed.
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchArgs, median, positiveInt } from "./lib.mjs";
import { ensureBroker, KafkaBench } from "./runtime-kafka.mjs";
import { consumeMicro, inMemory, publishMicro } from "./runtime-local.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(REPO, "dist");
const TARGET_PUBLISH_RATIO = 0.9;
const WINDOW = 32;
const RAW_BATCH = 100;

const USAGE = `usage: node bench/runtime.mjs [--messages N] [--runs N] [--no-kafka] [--no-postgres]
  --messages N    messages per measurement (default 2000)
  --runs N        repetitions per measurement; the median is reported (default 3)
  --no-kafka      skip everything that needs a broker
  --no-postgres   skip the PostgreSQL inbox consumer`;

function options() {
  const { values, fail } = benchArgs("runtime.mjs", USAGE, {
    messages: { type: "string", default: "2000" },
    runs: { type: "string", default: "3" },
    "no-kafka": { type: "boolean", default: false },
    "no-postgres": { type: "boolean", default: false },
  });
  return {
    messages: positiveInt(values.messages, "--messages", fail),
    runs: positiveInt(values.runs, "--runs", fail),
    kafka: !values["no-kafka"],
    postgres: !values["no-postgres"],
  };
}

const rate = (x) => `${Math.round(x).toLocaleString("en-US")} msgs/s`;
const ratio = (a, b) => (a / b).toFixed(2);

async function repeat(runs, fn) {
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await fn(r));
  return results;
}

async function load() {
  const runtimeJs = join(DIST, "runtime", "index.js");
  if (!existsSync(runtimeJs)) {
    console.error("bench/runtime.mjs: dist/ is missing: run `npm run build` first");
    process.exit(2);
  }
  const runtime = await import(pathToFileURL(runtimeJs).href);
  const kafkaModule = await import(pathToFileURL(join(DIST, "kafka", "transport.js")).href);
  const { createAjv } = await import(pathToFileURL(join(DIST, "schema", "ajv.js")).href);
  return { runtime, kafkaModule, ajv: createAjv("2020-12") };
}

async function local(opts, { runtime, ajv }) {
  console.log("\n## Without a broker");
  const pub = await repeat(opts.runs, () => publishMicro(runtime, ajv, Math.max(opts.messages, 20_000)));
  const con = await repeat(opts.runs, () => consumeMicro(runtime, ajv, Math.max(opts.messages, 20_000)));
  const publishUs = median(pub.map((p) => p.eventline));
  const rawUs = median(pub.map((p) => p.raw));
  console.log(
    `publish: validation + key + envelope + encoding   ${publishUs.toFixed(1)} µs/msg ` +
      `(the payload's JSON + bytes alone: ${rawUs.toFixed(1)} µs; Eventline adds ${(publishUs - rawUs).toFixed(1)} µs)`,
  );
  console.log(`consume: envelope + decode + validation + handler call   ${median(con).toFixed(1)} µs/msg`);
  const mem = await repeat(opts.runs, () => inMemory(runtime, ajv, opts.messages));
  console.log(
    `in-memory transport (3 partitions, commit per message): publish ${rate(median(mem.map((m) => m.publish)))}, ` +
      `consume ${rate(median(mem.map((m) => m.consume)))}, publish + consume ${rate(median(mem.map((m) => m.endToEnd)))}`,
  );
}

async function kafka(opts, modules) {
  console.log("\n## Kafka (real broker)");
  const broker = ensureBroker(REPO);
  if (broker.brokers.length === 0) {
    console.log(`not measured: no broker (${broker.reason})`);
    return;
  }
  const kafkajs = (await import("kafkajs")).default;
  const bench = new KafkaBench({ kafkajs, ...modules, brokers: broker.brokers });
  try {
    await bench.start();
    console.log(
      `broker ${broker.brokers.join(",")}; both producers idempotent, acks=-1, maxInFlightRequests=1, ` +
        "no compression, Kafka's default partitioner, same payloads and keys",
    );
    const n = opts.messages;
    for (const window of [1, WINDOW]) {
      const runs = await repeat(opts.runs, () => bench.publish(n, window));
      const e = median(runs.map((x) => x.eventline));
      const raw = median(runs.map((x) => x.raw));
      const headers = median(runs.map((x) => x.rawWithHeaders));
      const label =
        window === 1
          ? "one message per send, awaiting each"
          : `one message per send, ${window} sends in flight`;
      console.log(
        `publish (${label}): Eventline ${rate(e)}, raw kafkajs ${rate(raw)}, ratio ${ratio(e, raw)} ` +
          `(target ≥ ${TARGET_PUBLISH_RATIO}: ${e / raw >= TARGET_PUBLISH_RATIO ? "met" : "NOT met"}); ` +
          `raw kafkajs with the envelope's headers ${rate(headers)}, ratio ${ratio(e, headers)}`,
      );
    }
    const batched = median(await repeat(opts.runs, () => bench.rawBatched(n, RAW_BATCH)));
    console.log(
      `publish (raw kafkajs, ${RAW_BATCH} messages per send): ${rate(batched)} — reference only: ` +
        "Eventline's publish() sends one message per call",
    );

    const topic = await bench.filledTopic(n);
    const consume = await repeat(opts.runs, async (r) => {
      if (r % 2 === 0) {
        const e = await bench.eventlineConsume(topic, n);
        return { eventline: e, raw: await bench.rawConsume(topic, n) };
      }
      const raw = await bench.rawConsume(topic, n);
      return { eventline: await bench.eventlineConsume(topic, n), raw };
    });
    const ce = median(consume.map((x) => x.eventline));
    const cr = median(consume.map((x) => x.raw));
    console.log(
      `consume (commit after each message): Eventline ${rate(ce)} (envelope + validation, no idempotency ` +
        `store), raw kafkajs eachMessage + commit ${rate(cr)}, ratio ${ratio(ce, cr)}`,
    );
    if (opts.postgres) await postgres(opts, modules, bench, topic, cr);
  } finally {
    await bench.close();
    broker.release();
  }
}

async function postgres(opts, { runtime }, bench, topic, rawRate) {
  if (typeof runtime.createPostgresInbox !== "function") {
    console.log(
      "consume with the PostgreSQL inbox: not measured (createPostgresInbox is not in dist/runtime)",
    );
    return;
  }
  const pg = (await import("pg")).default;
  const pool = new pg.Pool({
    connectionString: process.env.EVENTLINE_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test",
    max: 4,
  });
  pool.on("error", () => undefined);
  const suffix = bench.run.replaceAll("-", "");
  const inboxTable = `bench_inbox_${suffix}`;
  const effects = `bench_effects_${suffix}`;
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    console.log(`consume with the PostgreSQL inbox: not measured (PostgreSQL: ${error.message})`);
    await pool.end();
    return;
  }
  try {
    await pool.query(`CREATE TABLE ${effects} (id text PRIMARY KEY, total integer NOT NULL)`);
    const n = opts.messages;
    const runs = await repeat(opts.runs, async (r) => {
      const inbox = runtime.createPostgresInbox({ pool, table: `${inboxTable}_${r}` });
      await inbox.ensureSchema();
      await pool.query(`TRUNCATE ${effects}`);
      // The handler's effect goes through the inbox's transaction: effect and marker commit together.
      const withInbox = await bench.eventlineConsume(topic, n, {
        idempotency: inbox,
        effect: (event) =>
          event.transaction.query(`INSERT INTO ${effects} (id, total) VALUES ($1, $2)`, [
            event.envelope.id,
            event.payload.total,
          ]),
      });
      await pool.query(`TRUNCATE ${effects}`);
      // The same effect from a raw consumer, one autocommitted INSERT per message, no deduplication.
      let i = 0;
      const rawWithInsert = await bench.rawConsume(topic, n, (payload) =>
        pool.query(`INSERT INTO ${effects} (id, total) VALUES ($1, $2)`, [`${++i}`, payload.total]),
      );
      await pool.query(`DROP TABLE ${inboxTable}_${r}`);
      return { withInbox, rawWithInsert };
    });
    const wi = median(runs.map((x) => x.withInbox));
    const ri = median(runs.map((x) => x.rawWithInsert));
    console.log(
      `consume with the PostgreSQL inbox (effect row + marker in one transaction): ${rate(wi)}; ` +
        `ratio to the raw consumer ${ratio(wi, rawRate)}; raw consumer + autocommitted INSERT ${rate(ri)} ` +
        `(ratio ${ratio(wi, ri)})`,
    );
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${effects}`).catch(() => undefined);
    await pool.end();
  }
}

async function main() {
  const opts = options();
  const modules = await load();
  console.log(
    `# bench:runtime — ${opts.messages} messages per measurement, median of ${opts.runs} run(s); ` +
      `node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)}`,
  );
  await local(opts, modules);
  if (opts.kafka) await kafka(opts, modules);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
