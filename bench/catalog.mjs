#!/usr/bin/env node
// Catalog-site benchmark: `eventline catalog build` (the whole CLI: load, lint, catalog JSON, Astro,
// Pagefind) on synthetic catalogs of 100 / 1,000 / 10,000 messages, measuring build time, peak RSS,
// total output size, page count and the median and largest HTML page.
//
//   npm run build && npm run bench:catalog               # 100 and 1,000 messages
//   node bench/catalog.mjs --sizes 100,1000,10000        # with 10,000 (minutes)
//
// Targets: 1,000 messages < 30 s; 10,000 < 5 min (NODE_OPTIONS=--max-old-space-size=2048); median
// page <= 100 KB; no page > 500 KB; output growing linearly. A report: exit 0 whether or not targets
// are met, non-zero only when a build failed.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchArgs, median, positiveInts } from "./lib.mjs";
import { writeCatalog } from "./synthetic-catalog.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(REPO, "bin", "eventline.js");
const TIME = "/usr/bin/time";
const KB = 1024;

const USAGE = `usage: node bench/catalog.mjs [--sizes 100,1000] [--no-search] [--keep]
  --sizes LIST   messages of each synthetic catalog, comma-separated (default 100,1000)
  --no-search    build without the Pagefind index
  --keep         keep the catalogs and sites in the temp dir`;

const { values, fail } = benchArgs("catalog.mjs", USAGE, {
  sizes: { type: "string", default: "100,1000" },
  "no-search": { type: "boolean", default: false },
  keep: { type: "boolean", default: false },
});
const sizes = positiveInts(values.sizes, "--sizes", fail);
if (!existsSync(join(REPO, "dist", "cli", "main.js"))) fail("dist/ is missing: run `npm run build` first");

/** Runs the CLI; wall time and, under GNU time, the peak RSS of the largest process (CLI or Astro). */
function build(root, out) {
  const args = [
    CLI,
    "catalog",
    "build",
    "--root",
    root,
    "--out",
    out,
    ...(values["no-search"] ? ["--no-search"] : []),
  ];
  const timed = existsSync(TIME);
  const [command, argv] = timed
    ? [TIME, ["-f", "maxrss_kb=%M", process.execPath, ...args]]
    : [process.execPath, args];
  return new Promise((done, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`catalog build exited ${code}:\n${output.slice(-4000)}`));
      const rss = /maxrss_kb=(\d+)/.exec(output);
      done({ ms, peakRssMb: rss ? Number(rss[1]) / 1024 : undefined });
    });
  });
}

function pages(site) {
  const html = [];
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
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

const work = mkdtempSync(join(tmpdir(), "eventline-bench-catalog-"));
console.log(
  `catalog build benchmark: ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}, NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ""}`,
);
const rows = [];
try {
  for (const messages of sizes) {
    const root = join(work, `catalog-${messages}`);
    writeCatalog(root, messages, { examples: true });
    // A loaded machine (other builds beside this one) can take longer than the default 20 s per document.
    writeFileSync(join(root, "eventline.config.yaml"), "limits:\n  timeoutMs: 600000\n");
    const out = join(root, "site");
    const run = await build(root, out);
    const site = pages(out);
    rows.push({ messages, ...run, ...site });
    console.log(
      `${String(messages).padStart(6)} messages: ${(run.ms / 1000).toFixed(1)} s, peak RSS ${run.peakRssMb?.toFixed(0) ?? "not measured"} MB, ` +
        `${site.count} pages, ${(site.bytes / KB / KB).toFixed(1)} MB total, median page ${(site.median / KB).toFixed(1)} KB, ` +
        `largest ${(site.largest.size / KB).toFixed(1)} KB (${site.largest.path})`,
    );
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
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  console.log(
    `  ${a.messages} → ${b.messages} messages (×${(b.messages / a.messages).toFixed(0)}): output ×${(b.bytes / a.bytes).toFixed(1)}, time ×${(b.ms / a.ms).toFixed(1)}`,
  );
}
