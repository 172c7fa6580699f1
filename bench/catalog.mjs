#!/usr/bin/env node
// Catalog-site benchmark: `eventline catalog build` (the whole CLI: load, lint, catalog JSON, Astro,
// Pagefind) on synthetic catalogs of 100 / 1,000 / 10,000 messages, measuring build time, peak RSS,
// total output size, page count and the median and largest HTML page.
//
//   npm run build && npm run bench:catalog               # 100, 1,000 and 10,000 messages
//   node bench/catalog.mjs --sizes 100,1000              # without the 10,000 run (minutes)
//   node bench/catalog.mjs --sizes 100 --eventcatalog    # and EventCatalog on the same catalogs
//
// The 10,000-message build runs with NODE_OPTIONS=--max-old-space-size=2048, as the target says.
// --eventcatalog installs @eventcatalog/core (EVENTCATALOG_VERSION, default 2.64.x) into a temp folder
// with npm (never into this project), writes the same synthetic catalog as EventCatalog Markdown and
// builds it; its build takes minutes per 100 messages. It runs with NODE_ENV=CI, which EventCatalog
// reads as "send no build analytics" (this machine has no network beyond the package registries).
//
// Targets: 1,000 messages < 30 s; 10,000 < 5 min (NODE_OPTIONS=--max-old-space-size=2048); median
// page <= 100 KB; no page > 500 KB; output growing linearly. A report: exit 0 whether or not targets
// are met, non-zero only when a build failed.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeEventCatalog } from "./eventcatalog-layout.mjs";
import { benchArgs, median, positiveInts } from "./lib.mjs";
import { writeCatalog } from "./synthetic-catalog.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(REPO, "bin", "eventline.js");
const TIME = "/usr/bin/time";
const KB = 1024;

const USAGE = `usage: node bench/catalog.mjs [--sizes 100,1000,10000] [--no-search] [--keep] [--eventcatalog [--eventcatalog-sizes 100]]
  --sizes LIST               messages of each synthetic catalog, comma-separated (default 100,1000,10000)
  --no-search                build without the Pagefind index
  --keep                     keep the catalogs and sites in the temp dir
  --eventcatalog             also build each catalog with EventCatalog and print the ratios
  --eventcatalog-sizes LIST  only these sizes with EventCatalog (default: the sizes up to 1,000)
  --eventcatalog-dir DIR     install EventCatalog there, or reuse the install found there (default: a temp folder)`;

const { values, fail } = benchArgs("catalog.mjs", USAGE, {
  sizes: { type: "string", default: "100,1000,10000" },
  "no-search": { type: "boolean", default: false },
  keep: { type: "boolean", default: false },
  eventcatalog: { type: "boolean", default: false },
  "eventcatalog-dir": { type: "string" },
  "eventcatalog-sizes": { type: "string" },
});
const sizes = positiveInts(values.sizes, "--sizes", fail);
const ecSizes = values["eventcatalog-sizes"]
  ? positiveInts(values["eventcatalog-sizes"], "--eventcatalog-sizes", fail)
  : sizes.filter((n) => n <= 1000);
/** The heap the 10,000-message target allows; smaller catalogs run with Node's default. */
const BIG_HEAP = "--max-old-space-size=2048";
if (!existsSync(join(REPO, "dist", "cli", "main.js"))) fail("dist/ is missing: run `npm run build` first");

/**
 * Runs `argv` (under GNU time when there is one): wall time, the peak RSS of the largest process and
 * everything it printed. Rejects on a non-zero exit.
 */
function run(argv, { cwd, env }) {
  const timed = existsSync(TIME);
  const [command, args] = timed ? [TIME, ["-f", "maxrss_kb=%M", ...argv]] : [argv[0], argv.slice(1)];
  return new Promise((done, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${argv.join(" ")} exited ${code}:\n${output.slice(-4000)}`));
      const rss = /maxrss_kb=(\d+)/.exec(output);
      done({ ms, peakRssMb: rss ? Number(rss[1]) / 1024 : undefined, output });
    });
  });
}

/** `eventline catalog build --timings`; the CLI (and Astro under it) get the big heap for 10,000 messages. */
async function build(root, out, messages) {
  const env = { ...process.env };
  if (messages >= 10_000) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} ${BIG_HEAP}`.trim();
  const result = await run(
    [
      process.execPath,
      CLI,
      "catalog",
      "build",
      "--root",
      root,
      "--out",
      out,
      "--timings",
      ...(values["no-search"] ? ["--no-search"] : []),
    ],
    { cwd: root, env },
  );
  return {
    ...result,
    steps: /catalog timings: (.*)/.exec(result.output)?.[1] ?? "",
    nodeOptions: env.NODE_OPTIONS ?? "",
  };
}

function pages(site, { exclude = [] } = {}) {
  const html = [];
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (exclude.includes(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else {
        const size = statSync(path).size;
        bytes += size;
        if (entry.name.endsWith(".html")) html.push({ path: relative(site, path), size });
      }
    }
  };
  walk(site);
  html.sort((a, b) => a.size - b.size);
  return {
    bytes,
    count: html.length,
    median: median(html.map((p) => p.size)),
    largest: html[html.length - 1],
  };
}

const EC_VERSION = process.env.EVENTCATALOG_VERSION ?? "2.64.x";
const EC_ENV = {
  ...process.env,
  ONNXRUNTIME_NODE_INSTALL_CUDA: "skip",
  ASTRO_TELEMETRY_DISABLED: "1",
  NO_UPDATE_NOTIFIER: "1",
  NODE_ENV: "CI",
};

/** Installs EventCatalog once into `dir` (its own package.json, not this project's). */
async function installEventCatalog(dir) {
  const installed = join(dir, "node_modules/@eventcatalog/core/package.json");
  if (existsSync(installed)) {
    const version = JSON.parse(readFileSync(installed, "utf8")).version;
    console.log(`using @eventcatalog/core ${version} installed in ${dir}`);
    return version;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "eventcatalog-bench", private: true, type: "module" }),
  );
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  console.log(`installing @eventcatalog/core@${EC_VERSION} into ${dir} (minutes)...`);
  const done = await run([npm, "install", `@eventcatalog/core@${EC_VERSION}`, "--no-audit", "--no-fund"], {
    cwd: dir,
    env: EC_ENV,
  });
  const version = JSON.parse(readFileSync(installed, "utf8")).version;
  console.log(`installed @eventcatalog/core ${version} in ${(done.ms / 1000).toFixed(0)} s`);
  return version;
}

/**
 * `eventcatalog build` of the catalog written into `ecDir` itself, as an EventCatalog project is laid
 * out (its package installed in the project's own node_modules).
 */
async function buildEventCatalog(ecDir, documents, schemasDir) {
  for (const dir of ["domains", "services", "channels", "events", "dist", "public", ".eventcatalog-core"])
    rmSync(join(ecDir, dir), { recursive: true, force: true });
  writeEventCatalog(ecDir, documents, schemasDir);
  const bin = join(ecDir, "node_modules", ".bin");
  const result = await run([join(bin, "eventcatalog"), "build"], {
    cwd: ecDir,
    env: { ...EC_ENV, PATH: `${bin}:${process.env.PATH ?? ""}` },
  });
  return { ...result, ...pages(join(ecDir, "dist")) };
}

const mb = (bytes) => `${(bytes / KB / KB).toFixed(1)} MB`;
const work = mkdtempSync(join(tmpdir(), "eventline-bench-catalog-"));
console.log(
  `catalog build benchmark: ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}, NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ""}`,
);
const rows = [];
const versus = [];
let ecVersion;
try {
  for (const messages of sizes) {
    const root = join(work, `catalog-${messages}`);
    const documents = writeCatalog(root, messages, { examples: true });
    // A loaded machine (other builds beside this one) can take longer than the default 20 s per document.
    writeFileSync(join(root, "eventline.config.yaml"), "limits:\n  timeoutMs: 600000\n");
    const out = join(root, "site");
    const load = loadavg()[0];
    const built = await build(root, out, messages);
    const site = pages(out);
    rows.push({ messages, ...built, ...site });
    console.log(
      `${String(messages).padStart(6)} messages: ${(built.ms / 1000).toFixed(1)} s (load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}${built.nodeOptions ? `, NODE_OPTIONS=${built.nodeOptions}` : ""}), peak RSS ${built.peakRssMb?.toFixed(0) ?? "not measured"} MB, ` +
        `${site.count} pages, ${mb(site.bytes)} total, median page ${(site.median / KB).toFixed(1)} KB, ` +
        `largest ${(site.largest.size / KB).toFixed(1)} KB (${site.largest.path})\n    steps: ${built.steps}`,
    );
    if (values.eventcatalog && ecSizes.includes(messages)) {
      const ecDir = values["eventcatalog-dir"]
        ? resolve(values["eventcatalog-dir"])
        : join(work, "eventcatalog");
      ecVersion ??= await installEventCatalog(ecDir);
      const ecLoad = loadavg()[0];
      try {
        const ec = await buildEventCatalog(ecDir, documents, join(root, "schemas"));
        versus.push({ messages, eventline: rows.at(-1), ec });
        console.log(
          `${String(messages).padStart(6)} messages, EventCatalog ${ecVersion}: ${(ec.ms / 1000).toFixed(1)} s (load ${ecLoad.toFixed(1)} → ${loadavg()[0].toFixed(1)}), ` +
            `peak RSS ${ec.peakRssMb?.toFixed(0) ?? "not measured"} MB, ${ec.count} pages, ${mb(ec.bytes)} total, median page ${(ec.median / KB).toFixed(1)} KB`,
        );
      } catch (error) {
        // Its failure is a finding of the comparison, not of Eventline: report it and go on.
        console.log(
          `${String(messages).padStart(6)} messages, EventCatalog ${ecVersion}: build failed: ${error.message.slice(-1500)}`,
        );
      }
    }
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

console.log("\ntargets:");
for (const r of rows) {
  const limit = r.messages <= 1000 ? 30_000 : r.messages <= 10_000 ? 300_000 : undefined;
  const checks = [
    limit !== undefined
      ? `time ${(r.ms / 1000).toFixed(1)} s ${r.ms < limit ? "<" : "NOT <"} ${limit / 1000} s`
      : undefined,
    `median page ${(r.median / KB).toFixed(1)} KB ${r.median <= 100 * KB ? "<=" : "NOT <="} 100 KB`,
    `largest page ${(r.largest.size / KB).toFixed(1)} KB ${r.largest.size <= 500 * KB ? "<=" : "NOT <="} 500 KB`,
  ].filter(Boolean);
  console.log(`  ${r.messages} messages: ${checks.join("; ")}`);
}
console.log(
  "\ngrowth (a linearity ratio of 1.0 is linear output; above 1, each message costs more in a larger catalog):",
);
for (const r of rows)
  console.log(`  ${r.messages} messages: ${(r.bytes / r.messages / KB).toFixed(1)} KB of output per message`);
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  const linearity = b.bytes / b.messages / (a.bytes / a.messages);
  console.log(
    `  ${a.messages} → ${b.messages} messages (×${(b.messages / a.messages).toFixed(0)}): output ×${(b.bytes / a.bytes).toFixed(1)}, linearity ratio ${linearity.toFixed(2)}, time ×${(b.ms / a.ms).toFixed(1)}`,
  );
}
if (versus.length > 0) {
  console.log(`\nEventCatalog ${ecVersion} / Eventline (above 1: EventCatalog takes more):`);
  for (const { messages, eventline, ec } of versus) {
    const rss =
      ec.peakRssMb && eventline.peakRssMb
        ? `×${(ec.peakRssMb / eventline.peakRssMb).toFixed(1)}`
        : "not measured";
    console.log(
      `  ${messages} messages: time ×${(ec.ms / eventline.ms).toFixed(1)}, peak RSS ${rss}, output ×${(ec.bytes / eventline.bytes).toFixed(1)}, median page ×${(ec.median / eventline.median).toFixed(1)}`,
    );
  }
}
