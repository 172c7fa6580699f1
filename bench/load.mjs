#!/usr/bin/env node
// Catalog-load benchmark: bare @asyncapi/parser vs Eventline's loadCatalog, cold and warm cache.
//
//   npm run build && npm run bench:load                 # 50, 200, 800 channels + the shared corpus, 3 runs
//   node bench/load.mjs --sizes 50,200 --no-corpus --runs 1   # quick run
//
// Runs against the built code in dist/. It is a report: the exit code is 0 whether or not the targets
// are met, and non-zero only when something crashed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchArgs, median, positiveInt, positiveInts, prng, timed } from "./lib.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST_MODEL = join(REPO, "dist", "model", "index.js");
const CORPUS = resolve(REPO, "../shared/corpus/asyncapi");
const CHANNELS_PER_DOCUMENT = 25;
const TARGET_WARM_OVER_COLD = 0.1;
const TARGET_COLD_OVER_BARE = 1.2;

const USAGE = `usage: node bench/load.mjs [--runs N] [--sizes 50,200,800] [--no-corpus] [--workers N] [--keep]
  --runs N        repetitions per measurement; the median is reported (default 3)
  --sizes LIST    total channels of each synthetic catalog, comma-separated (default 50,200,800)
  --no-corpus     skip the shared AsyncAPI corpus (../shared/corpus/asyncapi)
  --workers N     Eventline's parserWorkers setting (default: Eventline's own default, 2)
  --keep          keep the generated catalogs and caches in the temp dir`;

function options() {
  const { values, fail } = benchArgs("load.mjs", USAGE, {
    runs: { type: "string", default: "3" },
    sizes: { type: "string", default: "50,200,800" },
    "no-corpus": { type: "boolean", default: false },
    workers: { type: "string" },
    keep: { type: "boolean", default: false },
  });
  return {
    runs: positiveInt(values.runs, "--runs", fail),
    sizes: positiveInts(values.sizes, "--sizes", fail, { allowEmpty: true }),
    corpus: !values["no-corpus"],
    workers: values.workers === undefined ? undefined : positiveInt(values.workers, "--workers", fail),
    keep: values.keep,
  };
}

// ---------------------------------------------------------------------------------------------------
// Synthetic catalogs: deterministic AsyncAPI 3.0 documents over shared JSON Schema files.

const DOMAINS = ["orders", "payments", "shipping", "inventory", "customers", "pricing", "returns", "loyalty"];
const ENTITIES = [
  { name: "order", schema: "order.json" },
  { name: "customer", schema: "customer.json" },
  { name: "product", schema: "product.json" },
  { name: "payment", schema: "payment.json" },
  { name: "shipment", schema: "shipment.json" },
];
const VERBS = ["created", "updated", "cancelled", "confirmed", "rejected", "archived", "restored"];
const FIELD_TYPES = [
  { type: "string", maxLength: 120 },
  { type: "string", format: "uuid" },
  { type: "string", format: "date-time" },
  { type: "integer", minimum: 0 },
  { type: "number", minimum: 0 },
  { type: "boolean" },
  { type: "string", enum: ["LOW", "MEDIUM", "HIGH"] },
  { type: "array", items: { type: "string" }, maxItems: 20 },
];

const SHARED_SCHEMAS = {
  "envelope.json": {
    $id: "https://schemas.example.com/eventline-bench/envelope.json",
    title: "Envelope",
    type: "object",
    required: ["eventId", "occurredAt", "source"],
    properties: {
      eventId: { type: "string", format: "uuid", description: "Unique id of this event." },
      occurredAt: { type: "string", format: "date-time" },
      source: { type: "string", description: "Producing service." },
      traceparent: { type: "string", pattern: "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$" },
      schemaVersion: { type: "integer", minimum: 1 },
    },
  },
  "money.json": {
    title: "Money",
    type: "object",
    required: ["amount", "currency"],
    properties: {
      amount: { type: "string", pattern: "^-?[0-9]+(\\.[0-9]{1,4})?$" },
      currency: { type: "string", pattern: "^[A-Z]{3}$" },
    },
  },
  "address.json": {
    title: "Address",
    type: "object",
    required: ["line1", "city", "country"],
    properties: {
      line1: { type: "string" },
      line2: { type: "string" },
      city: { type: "string" },
      postalCode: { type: "string" },
      country: { type: "string", pattern: "^[A-Z]{2}$" },
    },
  },
  "customer.json": {
    title: "Customer",
    type: "object",
    required: ["customerId"],
    properties: {
      customerId: { type: "string", format: "uuid" },
      email: { type: "string", format: "email" },
      tier: { type: "string", enum: ["standard", "silver", "gold"] },
      billingAddress: { $ref: "./address.json" },
      shippingAddress: { $ref: "./address.json" },
    },
  },
  "product.json": {
    title: "Product",
    type: "object",
    required: ["sku", "price"],
    properties: {
      sku: { type: "string" },
      name: { type: "string" },
      price: { $ref: "./money.json" },
      tags: { type: "array", items: { type: "string" } },
    },
  },
  "order.json": {
    title: "Order",
    type: "object",
    required: ["orderId", "customer", "lines", "total"],
    properties: {
      orderId: { type: "string", format: "uuid" },
      customer: { $ref: "./customer.json" },
      lines: {
        type: "array",
        items: {
          type: "object",
          required: ["product", "quantity"],
          properties: { product: { $ref: "./product.json" }, quantity: { type: "integer", minimum: 1 } },
        },
      },
      total: { $ref: "./money.json" },
    },
  },
  "payment.json": {
    title: "Payment",
    type: "object",
    required: ["paymentId", "amount"],
    properties: {
      paymentId: { type: "string", format: "uuid" },
      orderId: { type: "string", format: "uuid" },
      amount: { $ref: "./money.json" },
      method: { type: "string", enum: ["card", "transfer", "wallet"] },
    },
  },
  "shipment.json": {
    title: "Shipment",
    type: "object",
    required: ["shipmentId", "destination"],
    properties: {
      shipmentId: { type: "string", format: "uuid" },
      orderId: { type: "string", format: "uuid" },
      destination: { $ref: "./address.json" },
      carrier: { type: "string" },
    },
  },
};

const pad = (n, width = 2) => String(n).padStart(width, "0");
const pascal = (s) => s.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());

/** The channel `c` of document `d`: what it is called and what it carries. */
function channelSpec(d, c) {
  const domain = DOMAINS[d % DOMAINS.length];
  const entity = ENTITIES[(d + c) % ENTITIES.length];
  const verb = VERBS[c % VERBS.length];
  const event = `${entity.name}-${verb}`;
  return {
    key: `${event.replace(/-([a-z])/g, (_, x) => x.toUpperCase())}${pad(d)}${pad(c)}`,
    address: `eventline.${domain}.s${pad(d)}.${event}.v${1 + (c % 3)}`,
    message: `${pascal(event)}S${pad(d)}C${pad(c)}`,
    entity,
    event,
    domain,
  };
}

function messageFor(spec, seed) {
  const random = prng(seed);
  const properties = {
    envelope: { $ref: "../schemas/envelope.json" },
    [spec.entity.name]: { $ref: `../schemas/${spec.entity.schema}` },
  };
  const fields = 4 + Math.floor(random() * 7);
  for (let i = 0; i < fields; i++) {
    const type = FIELD_TYPES[Math.floor(random() * FIELD_TYPES.length)];
    properties[`field${pad(i)}`] = { ...type, description: `Field ${i} of ${spec.event}.` };
  }
  return {
    name: spec.message,
    title: `${pascal(spec.event)} (${spec.domain})`,
    summary: `A ${spec.entity.name} was ${spec.event.split("-").pop()}.`,
    contentType: "application/json",
    headers: {
      type: "object",
      required: ["correlationId"],
      properties: {
        correlationId: { type: "string", format: "uuid" },
        tenant: { type: "string", enum: ["eu", "us", "apac"] },
      },
    },
    payload: { type: "object", required: ["envelope", spec.entity.name], properties },
    bindings: { kafka: { key: { type: "string", format: "uuid" }, bindingVersion: "0.5.0" } },
  };
}

/**
 * Document `d` of `docs`: `count` channels. Two out of three channels are the document's own topics
 * (send); every third one consumes a topic that the previous document produces (receive), so the
 * catalog has cross-document producer → consumer edges.
 */
function documentFor(d, docs, count) {
  const channels = {};
  const operations = {};
  const messages = {};
  for (let c = 0; c < count; c++) {
    const consumes = docs > 1 && c % 3 === 2;
    // The producer's channel c-2 is a send channel (index ≡ 0 mod 3), and the previous document has at
    // least c-2+1 channels because every document but the last has CHANNELS_PER_DOCUMENT.
    const spec = consumes ? channelSpec((d - 1 + docs) % docs, c - 2) : channelSpec(d, c);
    const key = consumes ? `consume${pascal(spec.key)}` : spec.key;
    const seed = consumes ? ((d - 1 + docs) % docs) * 1000 + (c - 2) : d * 1000 + c;
    messages[spec.message] = messageFor(spec, seed + 1);
    const random = prng(seed + 7);
    channels[key] = {
      address: spec.address,
      title: `${spec.event} (${spec.domain})`,
      messages: { [spec.message]: { $ref: `#/components/messages/${spec.message}` } },
      bindings: {
        kafka: {
          topic: spec.address,
          partitions: [3, 6, 12, 24][Math.floor(random() * 4)],
          replicas: 3,
          topicConfiguration: { "cleanup.policy": ["delete"], "retention.ms": 604800000 },
          bindingVersion: "0.5.0",
        },
      },
    };
    const service = `svc-${pad(d)}`;
    operations[`${consumes ? "on" : "publish"}${pascal(key)}`] = {
      action: consumes ? "receive" : "send",
      channel: { $ref: `#/channels/${key}` },
      summary: `${consumes ? "Consumes" : "Publishes"} ${spec.event}.`,
      messages: [{ $ref: `#/channels/${key}/messages/${spec.message}` }],
      bindings: {
        kafka: {
          groupId: { type: "string", enum: [`${service}-${consumes ? "consumer" : "producer"}`] },
          clientId: { type: "string", enum: [service] },
          bindingVersion: "0.5.0",
        },
      },
    };
  }
  return {
    asyncapi: "3.0.0",
    info: {
      title: `Bench service ${pad(d)} (${DOMAINS[d % DOMAINS.length]})`,
      version: `1.${d}.0`,
      description: `Synthetic Eventline benchmark service ${d} of ${docs}.`,
    },
    defaultContentType: "application/json",
    servers: {
      production: {
        host: "kafka.example.internal:9092",
        protocol: "kafka",
        description: "Production cluster",
        bindings: {
          kafka: { schemaRegistryUrl: "https://registry.example.internal", bindingVersion: "0.5.0" },
        },
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

/** Writes a catalog of `channels` channels in `root` (asyncapi/*.yaml + schemas/*.json); returns its documents. */
function generateCatalog(root, channels, stringify, perDocument = CHANNELS_PER_DOCUMENT) {
  mkdirSync(join(root, "asyncapi"), { recursive: true });
  mkdirSync(join(root, "schemas"), { recursive: true });
  for (const [name, schema] of Object.entries(SHARED_SCHEMAS)) {
    writeFileSync(join(root, "schemas", name), `${JSON.stringify(schema, null, 2)}\n`);
  }
  const docs = Math.ceil(channels / perDocument);
  const paths = [];
  for (let d = 0; d < docs; d++) {
    const count = Math.min(perDocument, channels - d * perDocument);
    const path = join(root, "asyncapi", `svc-${pad(d)}.yaml`);
    writeFileSync(path, stringify(documentFor(d, docs, count), { lineWidth: 0 }));
    paths.push(path);
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// Measurements

/** (a) The baseline: one Parser, every document parsed sequentially in this thread. */
async function bareParse(parser, fromFile, paths) {
  let channels = 0;
  let parsed = 0;
  for (const path of paths) {
    const { document } = await fromFile(parser, path).parse();
    if (document) {
      parsed++;
      channels += document.channels().length;
    }
  }
  return { channels, parsed };
}

function main() {
  return run(options());
}

async function run(opts) {
  if (!existsSync(DIST_MODEL)) {
    console.error(`bench/load.mjs: ${DIST_MODEL} not found; the benchmark runs against the built code.`);
    console.error("Run `npm run build` first.");
    process.exitCode = 1;
    return;
  }
  const { loadCatalog } = await import(pathToFileURL(DIST_MODEL).href);
  const { Parser, fromFile } = await import("@asyncapi/parser");
  const { AvroSchemaParser } = await import("@asyncapi/avro-schema-parser");
  const { stringify } = await import("yaml");

  const work = mkdtempSync(join(tmpdir(), "eventline-bench-"));
  let cacheSeq = 0;
  const freshCacheDir = () => {
    const dir = join(work, "caches", String(cacheSeq++));
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const load = (catalog, cacheDir) =>
    loadCatalog({
      root: catalog.root,
      cwd: catalog.root,
      paths: catalog.paths,
      configFile: false,
      config: {
        cache: { enabled: true, dir: cacheDir },
        ...(opts.workers === undefined ? {} : { parserWorkers: opts.workers }),
      },
    });

  try {
    // Catalogs
    const catalogs = [];
    for (const size of opts.sizes) {
      const root = join(work, `synthetic-${size}`);
      const paths = generateCatalog(root, size, stringify);
      catalogs.push({ name: `synthetic-${size}`, root, paths, channels: size });
    }
    let corpusNote;
    if (opts.corpus) {
      if (existsSync(CORPUS) && statSync(CORPUS).isDirectory()) {
        const paths = readdirSync(CORPUS)
          .filter((f) => /\.(ya?ml|json)$/i.test(f))
          .sort()
          .map((f) => join(CORPUS, f))
          .filter((p) => statSync(p).isFile());
        if (paths.length > 0) catalogs.push({ name: "corpus", root: CORPUS, paths, channels: undefined });
        else corpusNote = `corpus skipped: no top-level *.yaml/*.json in ${CORPUS}`;
      } else {
        corpusNote = `corpus skipped: ${CORPUS} not found`;
      }
    } else {
      corpusNote = "corpus skipped (--no-corpus)";
    }

    console.log(
      `Eventline catalog-load benchmark — node ${process.version}, ${opts.runs} run(s) per measurement, median reported`,
    );
    console.log(`temp dir: ${work}${opts.keep ? " (kept)" : ""}`);
    console.log(
      `Eventline parserWorkers: ${opts.workers ?? "default (2)"}; ${availableParallelism()} CPU(s); ` +
        `load average at start ${loadavg()[0].toFixed(2)}`,
    );
    if (loadavg()[0] > availableParallelism() / 2) {
      console.log("note: the machine is or was recently busy (1-min load average above half the CPUs)");
    }
    // This benchmark alone keeps at most 3 threads runnable (main + 2 parser workers); a higher load
    // means other processes competed for the CPUs, which hurts the parallel cold load more than bare.
    let peakLoad = loadavg()[0];
    const sampler = setInterval(() => {
      peakLoad = Math.max(peakLoad, loadavg()[0]);
    }, 2000);
    sampler.unref();
    if (corpusNote) console.log(corpusNote);

    // Start-up, paid once per process and kept out of the per-catalog numbers (both sides):
    //  - bare: constructing the Parser (loads the Spectral rulesets) and a first parse (JIT, lazy modules);
    //  - Eventline: the first loadCatalog starts the parser workers (one Parser each). The warm-up catalog
    //    has 2 documents so that both workers of the default 2-worker pool start (a 1-document catalog
    //    would size the shared pool to 1 worker, and the next catalog would replace it with a new one).
    // With --workers N the warm-up catalog has N documents, so that all N workers start.
    const warmupDocs = Math.max(2, opts.workers ?? 2);
    const warmup = { name: "warm-up", root: join(work, "warmup"), channels: 2 * warmupDocs };
    warmup.paths = generateCatalog(warmup.root, warmup.channels, stringify, 2);
    const construct = await timed(() => new Parser({ schemaParsers: [AvroSchemaParser()] }));
    const parser = construct.value;
    const bareWarm = await timed(() => bareParse(parser, fromFile, warmup.paths));
    const coldStart = await timed(() => load(warmup, freshCacheDir()));
    const coldAgain = await timed(() => load(warmup, freshCacheDir()));
    console.log(
      `start-up (excluded from the table): new Parser() ${construct.ms.toFixed(0)} ms + first bare parse of the ` +
        `${warmup.paths.length}-document warm-up catalog ${bareWarm.ms.toFixed(0)} ms; Eventline first cold load of it ` +
        `${coldStart.ms.toFixed(0)} ms (starts the parser workers) vs ${coldAgain.ms.toFixed(0)} ms once they run ` +
        `→ worker start-up ≈ ${(coldStart.ms - coldAgain.ms).toFixed(0)} ms`,
    );
    if (coldStart.value.catalog.diagnostics.some((d) => d.severity === "error")) {
      throw new Error(
        `warm-up catalog has errors: ${JSON.stringify(coldStart.value.catalog.diagnostics[0])}`,
      );
    }

    const rows = [];
    for (const catalog of catalogs) {
      const bare = [];
      const cold = [];
      const warm = [];
      let info;
      for (let r = 0; r < opts.runs; r++) {
        const b = await timed(() => bareParse(parser, fromFile, catalog.paths));
        bare.push(b.ms);
        const dir = freshCacheDir();
        const c = await timed(() => load(catalog, dir));
        cold.push(c.ms);
        const w = await timed(() => load(catalog, dir));
        warm.push(w.ms);
        const files = readdirSync(dir).filter((f) => f.endsWith(".bin")).length;
        info = { bare: b.value, cold: c.value.catalog, warm: w.value.catalog, cacheFiles: files };
        process.stdout.write(
          `  ${catalog.name} run ${r + 1}/${opts.runs}: bare ${b.ms.toFixed(0)} ms, cold ${c.ms.toFixed(0)} ms, warm ${w.ms.toFixed(0)} ms\n`,
        );
      }
      const errors = info.cold.diagnostics.filter((d) => d.severity === "error").length;
      const notes = [];
      if (
        info.cold.channels.length !== info.warm.channels.length ||
        info.cold.edges.length !== info.warm.edges.length
      ) {
        notes.push("warm catalog differs from cold!");
      }
      if (catalog.channels !== undefined && info.cold.channels.length !== catalog.channels) {
        notes.push(`Eventline saw ${info.cold.channels.length} channels`);
      }
      if (info.bare.parsed < catalog.paths.length)
        notes.push(`bare: ${info.bare.parsed}/${catalog.paths.length} docs parsed`);
      if (errors > 0) notes.push(`Eventline: ${errors} error diagnostics`);
      notes.push(`${info.cacheFiles} cache entries, ${info.cold.edges.length} edges`);
      rows.push({
        name: catalog.name,
        documents: catalog.paths.length,
        channels: catalog.channels ?? info.cold.channels.length,
        bare: median(bare),
        cold: median(cold),
        warm: median(warm),
        spread: { bare, cold, warm },
        notes,
      });
    }

    printTable(rows, opts.runs);
    clearInterval(sampler);
    peakLoad = Math.max(peakLoad, loadavg()[0]);
    console.log(`1-min load average: ${peakLoad.toFixed(2)} at most during the run`);
    if (peakLoad > availableParallelism() + 1) {
      console.log(
        `warning: other processes competed for the ${availableParallelism()} CPUs during the run; ` +
          "cold timings (parallel workers) suffer more than bare ones — rerun on a quiet machine",
      );
    }
    const { maxRSS } = process.resourceUsage();
    console.log(
      `\npeak RSS: ${(maxRSS / 1024).toFixed(0)} MiB (process.resourceUsage().maxRSS, whole process: the parser workers and the bare-parser baseline in the main thread)`,
    );
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

function printTable(rows, runs) {
  const header = [
    "catalog",
    "docs",
    "channels",
    "bare ms",
    "cold ms",
    "warm ms",
    "cold/bare",
    "warm/cold",
    "warm≤10%cold",
    "cold≤1.2×bare",
  ];
  const body = rows.map((r) => {
    const coldOverBare = r.cold / r.bare;
    const warmOverCold = r.warm / r.cold;
    return [
      r.name,
      String(r.documents),
      String(r.channels),
      r.bare.toFixed(0),
      r.cold.toFixed(0),
      r.warm.toFixed(0),
      `${coldOverBare.toFixed(2)}×`,
      `${(warmOverCold * 100).toFixed(1)}%`,
      warmOverCold <= TARGET_WARM_OVER_COLD ? "PASS" : "FAIL",
      coldOverBare <= TARGET_COLD_OVER_BARE ? "PASS" : "FAIL",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\nmedian of ${runs} run(s); targets: warm ≤ 10% of cold, cold ≤ 1.2× bare`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
  console.log("");
  for (const r of rows) {
    const fmt = (xs) => xs.map((x) => x.toFixed(0)).join("/");
    console.log(
      `${r.name}: runs bare ${fmt(r.spread.bare)}, cold ${fmt(r.spread.cold)}, warm ${fmt(r.spread.warm)} ms; ${r.notes.join("; ")}`,
    );
  }
}

main().catch((error) => {
  console.error(`bench/load.mjs crashed: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
