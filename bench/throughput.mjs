#!/usr/bin/env node
// Load-generator throughput on a real broker: the highest rate `eventline load` sustains through the
// generated-client path (schema-generated payloads, validation, key, CloudEvents envelope, the
// runtime's idempotent producer with batching) against raw kafkajs sending pre-built records with the
// same producer settings and the same batching, in the same run.
//
//   npm run build && npm run bench:throughput            # 20,000 messages per measurement, 3 runs
//   node bench/throughput.mjs --messages 5000 --runs 1   # quick run
//
// Each measurement publishes flat out (no rate limit, at most --concurrency unacknowledged) and reports
// messages acknowledged per second; the median of the runs is printed, with the ratio
// generated-client / raw. Then the generated-client path is run at 90 % of its flat-out rate for
// --seconds, to show that rate is sustained (achieved ≥ 95 % of target, no errors). The broker:
// KAFKA_BROKERS, else test/kafka/broker.sh (stopped at the end only if this run started it). A report:
// exit 0 whatever the figures, non-zero only when something crashed.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { benchArgs, median, positiveInt } from "./lib.mjs";
import { ensureBroker } from "./runtime-kafka.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(REPO, "dist");
const CHANNEL = "orders-service/ordersEvents";

const USAGE = `usage: node bench/throughput.mjs [--messages N] [--runs N] [--concurrency N] [--seconds N]
  --messages N      messages per flat-out measurement (default 20000)
  --runs N          repetitions; the median is reported (default 3)
  --concurrency N   unacknowledged publishes at most (default 1000)
  --seconds N       length of the sustained run (default 10)`;

const { values, fail } = benchArgs("throughput.mjs", USAGE, {
  messages: { type: "string", default: "20000" },
  runs: { type: "string", default: "3" },
  concurrency: { type: "string", default: "1000" },
  seconds: { type: "string", default: "10" },
});
const opts = {
  messages: positiveInt(values.messages, "--messages", fail),
  runs: positiveInt(values.runs, "--runs", fail),
  concurrency: positiveInt(values.concurrency, "--concurrency", fail),
  seconds: positiveInt(values.seconds, "--seconds", fail),
};

const load = (path) => import(pathToFileURL(join(DIST, path)).href);
if (!existsSync(join(DIST, "ops", "index.js"))) {
  console.error("bench/throughput.mjs: dist/ is missing: run `npm run build` first");
  process.exit(2);
}
const { loadCatalog } = await load("model/index.js");
const ops = await load("ops/index.js");
const { createKafkaTransport } = await load("kafka/transport.js");

const rate = (x) => `${Math.round(x).toLocaleString("en-US")} msgs/s`;

/** Raw kafkajs: the same records' bytes, one batch in flight, whatever was due meanwhile in the next. */
async function raw(producer, topic, records, concurrency) {
  const started = performance.now();
  let next = 0;
  while (next < records.length) {
    const batch = records.slice(next, next + concurrency);
    next += batch.length;
    await producer.send({ topic, acks: -1, messages: batch });
  }
  return records.length / ((performance.now() - started) / 1000);
}

const broker = ensureBroker(REPO);
if (broker.brokers.length === 0) {
  console.log(`no broker: ${broker.reason}; nothing measured`);
  process.exit(0);
}
console.log(
  `# bench:throughput — ${opts.messages.toLocaleString("en-US")} messages, ${opts.runs} run(s), concurrency ${opts.concurrency}; ` +
    `${availableParallelism()} CPU(s), load average ${loadavg()[0].toFixed(2)}`,
);
const kafka = new Kafka({ clientId: "eventline-bench", brokers: broker.brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
const prefix = `bench-${randomUUID().slice(0, 8)}.`;
try {
  const { catalog } = await loadCatalog({ root: REPO });
  const plan = ops.planLoad(catalog, [CHANNEL], { prefix, keys: 1000 });
  const topic = plan.topics[0];
  await admin.createTopics({ topics: [{ topic, numPartitions: 12 }], waitForLeaders: true });
  // The raw side sends what the generated-client path would: the same payloads' JSON, keyed the same.
  const rawRecords = Array.from({ length: opts.messages }, (_, i) => {
    const source = plan.sources[i % plan.sources.length];
    const payload = source.payload(Math.floor(i / plan.sources.length));
    return { key: String(payload.orderId), value: JSON.stringify(payload), headers: { ce_id: randomUUID() } };
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const generated = [];
  const rawRates = [];
  for (let r = 0; r < opts.runs; r++) {
    const transport = createKafkaTransport({ kafka });
    const result = await ops.runLoad({
      transport,
      sources: plan.sources,
      specs: plan.specs,
      rate: 10_000_000,
      messages: opts.messages,
      concurrency: opts.concurrency,
    });
    await transport.disconnect();
    if (result.errors > 0)
      console.log(`generated-client run ${r + 1}: ${result.errors} error(s): ${result.errorSamples[0]}`);
    generated.push(result.achievedRate);
    rawRates.push(await raw(producer, topic, rawRecords, opts.concurrency));
  }
  await producer.disconnect();
  const g = median(generated);
  const w = median(rawRates);
  console.log(
    `flat out, generated-client path (validation + key + envelope): ${rate(g)}  [runs: ${generated.map(rate).join(", ")}]`,
  );
  console.log(
    `flat out, raw kafkajs (same bytes, same producer settings):    ${rate(w)}  [runs: ${rawRates.map(rate).join(", ")}]`,
  );
  console.log(`ratio generated-client / raw: ${(g / w).toFixed(2)}`);

  const target = Math.floor((g * 0.9) / 100) * 100;
  const transport = createKafkaTransport({ kafka });
  const sustained = await ops.runLoad({
    transport,
    sources: plan.sources,
    specs: plan.specs,
    rate: target,
    durationMs: opts.seconds * 1000,
    concurrency: opts.concurrency,
  });
  await transport.disconnect();
  const held = sustained.errors === 0 && sustained.achievedRate >= target * 0.95;
  const l = sustained.publishLatencyMs;
  console.log(
    `sustained ${opts.seconds} s at ${rate(target)} (90 % of flat out): achieved ${rate(sustained.achievedRate)}, ` +
      `${sustained.sent.toLocaleString("en-US")} sent, ${sustained.errors} error(s), publish p50 ${l.p50} ms p99 ${l.p99} ms max ${l.max} ms — ${held ? "held" : "NOT held"}`,
  );
} finally {
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (mine.length > 0) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  await admin.disconnect();
  broker.release();
}
