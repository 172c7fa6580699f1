// Child process of inbox-crash.test.ts: one consumer that SIGKILLs itself at a chosen point.
// Plain JavaScript on the built files (dist/), so it starts with `node` alone; the test builds dist
// first when it is missing or older than the sources.
//
// argv[2] is a JSON config: { brokers, pg, topic, group, effects, inbox?, killAfter, killPoint }.
// With `inbox` the handler writes its effect through event.transaction (the PostgreSQL inbox);
// without, it writes with autocommit and there is no idempotency store. After `killAfter` effects the
// process kills itself: at "effect" right after the handler's write (before the inbox COMMIT and the
// offset commit), at "marked" after the inbox committed but before the offset commit.
import { writeSync } from "node:fs";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { createKafkaTransport } from "../../dist/kafka/transport.js";
import { createConsumer } from "../../dist/runtime/consumer.js";
import { createPostgresInbox } from "../../dist/runtime/stores/postgres-inbox.js";

const config = JSON.parse(process.argv[2]);
// Synchronous writes: the line must reach the parent before the SIGKILL.
const say = (line) => writeSync(1, `${line}\n`);
const die = (why) => {
  say(`kill ${why}`);
  process.kill(process.pid, "SIGKILL");
};

// A killed member stays in the group until its session times out, and its successor waits for that:
// the broker's minimum (6 s) instead of kafkajs's 30 s keeps each restart short.
class QuickKafka extends Kafka {
  consumer(options) {
    return super.consumer({ ...options, sessionTimeout: 6_000, heartbeatInterval: 500 });
  }
}

const pool = new pg.Pool({ connectionString: config.pg, max: 2 });
const inbox = config.inbox ? createPostgresInbox({ pool, table: config.inbox }) : undefined;
let handled = 0;

const idempotency = inbox && {
  async process(key, work) {
    const outcome = await inbox.process(key, work);
    if (outcome === "duplicate") say("duplicate");
    else if (config.killPoint === "marked" && handled === config.killAfter) die("after-mark");
    return outcome;
  },
};

const effect = { name: "Effect", topic: config.topic, type: "dev.eventline.test.CrashEffect.v1" };
const insert = `INSERT INTO ${config.effects} (event_id, n) VALUES ($1, $2)`;
const consumer = createConsumer({
  transport: createKafkaTransport({
    kafka: new QuickKafka({
      clientId: "inbox-crash-child",
      brokers: config.brokers,
      logLevel: logLevel.NOTHING,
    }),
  }),
  groupId: config.group,
  messages: [effect],
  idempotency,
  handlers: {
    Effect: async (event) => {
      const values = [event.envelope.id, event.payload.n];
      if (inbox) await event.transaction.query(insert, values);
      else await pool.query(insert, values);
      handled++;
      say(`effect ${event.payload.n}`);
      if (handled === config.killAfter && (config.killPoint === "effect" || !inbox)) die("after-effect");
    },
  },
});

const subscription = consumer.start();
say("started");
subscription.done.catch((error) => {
  process.stderr.write(`consumer failed: ${error?.stack ?? error}\n`);
  process.exit(3);
});
