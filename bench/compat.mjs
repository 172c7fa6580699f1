#!/usr/bin/env node
// Compatibility benchmark: the third-party corpus through isSubset, a generated AsyncAPI 3.0
// document pair through `eventline compat`, and the same pair through @asyncapi/diff.
//
//   npm run build && npm run bench:compat                # 5 runs, 500 channels, corpus + CLI process
//   node bench/compat.mjs --runs 1 --channels 100 --no-cli   # quick run
//
// Runs against the built code in dist/. It is a report: the exit code is 0 whether or not the targets
// are met, and non-zero only when something crashed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readCorpus } from "./compat-corpus.mjs";
import { documentPair } from "./compat-pair.mjs";
import { benchArgs, median, positiveInt, timed } from "./lib.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST_COMPAT = join(REPO, "dist", "compat", "index.js");
const DIST_COMMAND = join(REPO, "dist", "compat", "check", "index.js");
const DIST_MODEL = join(REPO, "dist", "model", "index.js");
const DIST_DIFF = join(REPO, "dist", "compat", "catalog-diff", "index.js");
const CLI = join(REPO, "bin", "eventline.js");
const CORPUS = process.env.EVENTLINE_COMPAT_CORPUS ?? resolve(REPO, "../shared/corpus/compat");
const TARGET_CORPUS_MS = 1000;
const TARGET_PAIR_MS = 2000;

const USAGE = `usage: node bench/compat.mjs [--runs N] [--channels N] [--no-corpus] [--no-diff] [--no-cli] [--keep]
  --runs N        repetitions per measurement; the median is reported (default 5)
  --channels N    channels of the generated document pair (default 500)
  --no-corpus     skip the compatibility corpus (../shared/corpus/compat)
  --no-diff       skip @asyncapi/diff
  --no-cli        skip the one timed run of the whole CLI process
  --keep          keep the generated documents in the temp dir`;

function options() {
  const { values, fail } = benchArgs("compat.mjs", USAGE, {
    runs: { type: "string", default: "5" },
    channels: { type: "string", default: "500" },
    "no-corpus": { type: "boolean", default: false },
    "no-diff": { type: "boolean", default: false },
    "no-cli": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  });
  const channels = Number(values.channels);
  if (!Number.isInteger(channels) || channels < 20)
    fail(`--channels must be an integer ≥ 20, got "${values.channels}"`);
  return {
    runs: positiveInt(values.runs, "--runs", fail),
    channels,
    corpus: !values["no-corpus"],
    diff: !values["no-diff"],
    cli: !values["no-cli"],
    keep: values.keep,
  };
}

const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const fmtRuns = (xs) => xs.map((x) => x.toFixed(0)).join("/");
const pass = (ok) => (ok ? "PASS" : "FAIL");

// ---------------------------------------------------------------------------------------------------
// (a) The corpus: every case, both directions, one process.

function checkCorpus(isSubset, files, profile) {
  let cases = 0;
  let agree = 0;
  for (const { cases: list } of files) {
    for (const c of list) {
      cases++;
      const backward = isSubset(c.original, c.updated, { profile }).length === 0;
      const forward = isSubset(c.updated, c.original, { profile }).length === 0;
      if (backward === c.backward && (c.forward === undefined || forward === c.forward)) agree++;
    }
  }
  return { cases, agree };
}

async function benchCorpus(isSubset, opts) {
  const corpus = readCorpus(CORPUS);
  if (corpus.missing) {
    console.log(`\n(a) corpus skipped: ${corpus.missing} not found`);
    return undefined;
  }
  const total = corpus.files.reduce((n, f) => n + f.cases.length, 0);
  console.log(
    `\n(a) corpus: ${total} cases (${corpus.files.map((f) => `${f.file} ${f.cases.length}`).join(", ")})`,
  );
  console.log("    each case checked in both directions (isSubset twice), all in this process");
  const rows = [];
  for (const profile of ["semantic", "confluent"]) {
    const times = [];
    let result;
    // The very first call pays for one-off set-up (lazy modules, compiled meta-schemas); the first
    // pass over the corpus for JIT compilation too. Both are reported on their own.
    const warm = await timed(() => isSubset({ type: "string" }, { type: "string" }, { profile }));
    const first = await timed(() => checkCorpus(isSubset, corpus.files, profile));
    for (let r = 0; r < opts.runs; r++) {
      const t = await timed(() => checkCorpus(isSubset, corpus.files, profile));
      times.push(t.ms);
      result = t.value;
    }
    rows.push({ profile, warm: warm.ms, first: first.ms, median: median(times), times, ...result });
  }
  for (const r of rows) {
    console.log(
      `    --profile ${r.profile.padEnd(9)}: ${r.cases} cases, ${r.agree} agree with the labels; ` +
        `first call ${ms(r.warm)}, then first pass ${ms(r.first)}, median ${ms(r.median)} (runs ${fmtRuns(r.times)}) ` +
        `→ ${pass(r.first < TARGET_CORPUS_MS)} (< ${TARGET_CORPUS_MS} ms, first pass)`,
    );
  }
  return { total, rows };
}

// ---------------------------------------------------------------------------------------------------
// (b) The document pair through Eventline, (c) through @asyncapi/diff.

/** Message name → whether Eventline reported a breaking payload change for it. */
function oursPayloadBreaks(result) {
  const out = new Set();
  for (const c of result.changes) {
    if (c.ruleId !== "payload-incompatible" || !c.breaking) continue;
    // The finding points at the changed keyword (possibly in a schema file); its text names the message.
    const m = /of message "([^"]+)"/.exec(c.message);
    if (m) out.add(m[1]);
  }
  return out;
}

/**
 * Message name → @asyncapi/diff's classification of the changes inside its payload: breaking when any
 * change is, else non-breaking when any is, else unclassified. `x-parser-*` keys are the parser's
 * bookkeeping (renumbered anonymous schema ids), not changes of the document: they are left out.
 */
function theirsPayloadClasses(changes) {
  const out = new Map();
  const rank = { unclassified: 0, "non-breaking": 1, breaking: 2 };
  for (const c of changes) {
    if (c.path.includes("/x-parser-")) continue;
    const m = /\/messages\/([^/]+)\/payload(\/|$)/.exec(c.path);
    if (!m) continue;
    const prev = out.get(m[1]);
    if (prev === undefined || rank[c.type] > rank[prev]) out.set(m[1], c.type);
  }
  return out;
}

function score(truth, classify) {
  const s = { breakingFound: 0, breakingTotal: 0, falseBreaking: 0, compatibleTotal: 0 };
  for (const [name, change] of truth) {
    const breaking = classify(name);
    if (change.breaking) {
      s.breakingTotal++;
      if (breaking) s.breakingFound++;
    } else {
      s.compatibleTotal++;
      if (breaking) s.falseBreaking++;
    }
  }
  return s;
}

async function benchPair(dist, opts, work) {
  const { stringify } = await import("yaml");
  const pair = documentPair(opts.channels);
  const oldPath = join(work, "old.yaml");
  const newPath = join(work, "new.yaml");
  writeFileSync(oldPath, stringify(pair.oldDoc, { lineWidth: 0, aliasDuplicateObjects: false }));
  writeFileSync(newPath, stringify(pair.newDoc, { lineWidth: 0, aliasDuplicateObjects: false }));
  const breakingTruth = [...pair.payloadChanges.values()].filter((c) => c.breaking).length;
  console.log(
    `\n(b) document pair: AsyncAPI 3.0, ${opts.channels} channels old → ${opts.channels - pair.removed + pair.added} new ` +
      `(${pair.removed} removed, ${pair.added} added), ${pair.payloadChanges.size} payload changes ` +
      `(${breakingTruth} breaking, ${pair.payloadChanges.size - breakingTruth} compatible under BACKWARD); ` +
      `${(readFileSync(oldPath).length / 1024).toFixed(0)} KiB + ${(readFileSync(newPath).length / 1024).toFixed(0)} KiB YAML`,
  );

  // Eventline: the library call the CLI makes (load both documents, diff, acknowledgements). Cold:
  // the parse cache (work/.eventline/cache) emptied before each run, so both documents go through the
  // AsyncAPI parser like @asyncapi/diff's input does; warm: unchanged documents come from the cache,
  // as in a repeated local or cached-CI run.
  const run = () => dist.runCompat({ paths: [oldPath, newPath], cwd: work });
  const clearCache = () => rmSync(join(work, ".eventline"), { recursive: true, force: true });
  clearCache();
  const first = await timed(run);
  const ours = [];
  const warm = [];
  let result = first.value;
  for (let r = 0; r < opts.runs; r++) {
    clearCache();
    const t = await timed(run);
    ours.push(t.ms);
    result = t.value;
    const w = await timed(run);
    warm.push(w.ms);
  }
  const warmMedian = median(warm);
  const breaking = result.changes.filter((c) => c.breaking).length;
  const byRule = new Map();
  for (const c of result.changes) byRule.set(c.ruleId, (byRule.get(c.ruleId) ?? 0) + 1);
  const oursMedian = median(ours);
  console.log(
    `    eventline compat (runCompat), cold parse cache: first ${ms(first.ms)} (starts the parser workers), ` +
      `median ${ms(oursMedian)} (runs ${fmtRuns(ours)}) → ${pass(oursMedian < TARGET_PAIR_MS)} (< ${TARGET_PAIR_MS} ms)`,
  );
  console.log(
    `    eventline compat (runCompat), warm parse cache (documents unchanged since the previous run): ` +
      `median ${ms(warmMedian)} (runs ${fmtRuns(warm)}) → ${pass(warmMedian < TARGET_PAIR_MS)} (< ${TARGET_PAIR_MS} ms)`,
  );
  console.log(
    `    ${result.changes.length} changes, ${breaking} breaking: ${[...byRule].map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
  // Where the time goes, once: loading both documents (parser workers + model) vs the document diff.
  const loadDoc = async (path) => {
    const { catalog } = await dist.loadCatalog({
      root: work,
      cwd: work,
      paths: [path],
      configFile: false,
      config: { cache: { enabled: false } },
    });
    return catalog;
  };
  const loaded = await timed(async () => [await loadDoc(oldPath), await loadDoc(newPath)]);
  const loadErrors = loaded.value.flatMap((c) => c.diagnostics.filter((d) => d.severity === "error"));
  if (loadErrors.length > 0)
    console.log(`    note: the breakdown's load reported ${loadErrors[0].ruleId}: ${loadErrors[0].message}`);
  const diffed = await timed(() => dist.diffCatalogs(loaded.value[0], loaded.value[1]));
  console.log(
    `    breakdown of one run: loading both documents ${ms(loaded.ms)}, diffCatalogs ${ms(diffed.ms)} ` +
      "(witness search and consumer impact included)",
  );
  const oursBreaks = oursPayloadBreaks(result);
  const oursScore = score(pair.payloadChanges, (name) => oursBreaks.has(name));

  let cli;
  if (opts.cli) {
    const t = await timed(() =>
      spawnSync(process.execPath, [CLI, "compat", oldPath, newPath, "--format", "json"], {
        cwd: work,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      }),
    );
    const proc = t.value;
    let changes;
    try {
      changes = JSON.parse(proc.stdout).diagnostics.length;
    } catch {
      changes = undefined;
    }
    const command = "node bin/eventline.js compat old.yaml new.yaml --format json";
    if (changes === undefined) {
      // A CLI that crashes (or prints no report) is not a timing: say why instead.
      const errors = proc.stderr.split("\n").filter((l) => /Error|error:/.test(l));
      console.log(
        `    whole CLI process once (${command}): FAILED after ${ms(t.ms)}, exit ${proc.status}, no JSON report: ` +
          `${errors[0] ?? proc.stderr.trim().split("\n")[0] ?? "(no stderr)"}`,
      );
    } else {
      cli = { ms: t.ms, status: proc.status, changes };
      console.log(
        `    whole CLI process once (${command}): ${ms(t.ms)}, exit ${proc.status}, ${changes} changes`,
      );
    }
  }

  let theirs;
  if (opts.diff) theirs = await benchDiff(oldPath, newPath, opts, pair);
  console.log("\n    payload changes classified as breaking (ground truth from the generator):");
  const line = (who, s, extra = "") =>
    console.log(
      `      ${who.padEnd(16)} ${String(s.breakingFound).padStart(3)} of ${s.breakingTotal} breaking changes flagged, ` +
        `${s.falseBreaking} of ${s.compatibleTotal} compatible ones flagged breaking${extra}`,
    );
  line("eventline", oursScore);
  if (theirs) {
    const counts = theirs.classCounts;
    line(
      "@asyncapi/diff",
      theirs.score,
      ` (per changed payload: ${counts.breaking} breaking, ${counts["non-breaking"]} non-breaking, ${counts.unclassified} unclassified)`,
    );
    const ratio = oursMedian / theirs.totalMedian;
    console.log(
      `\n    ratio eventline (cold) / @asyncapi/diff (parse + diff): ${ratio.toFixed(2)}× ` +
        `(${ms(oursMedian)} vs ${ms(theirs.totalMedian)}) → ${pass(ratio < 1)} (faster); ` +
        `vs its diff step alone: ${(oursMedian / theirs.diffMedian).toFixed(2)}×`,
    );
    const warmRatio = warmMedian / theirs.totalMedian;
    console.log(
      `    ratio eventline (warm cache) / @asyncapi/diff (parse + diff): ${warmRatio.toFixed(2)}× ` +
        `(${ms(warmMedian)} vs ${ms(theirs.totalMedian)}) → ${pass(warmRatio < 1)} (faster)`,
    );
  }
  return { oursMedian, warmMedian, first: first.ms, cli, theirs };
}

async function benchDiff(oldPath, newPath, opts, pair) {
  const { Parser } = await import("@asyncapi/parser");
  const { diff } = (await import("@asyncapi/diff")).default;
  const oldText = readFileSync(oldPath, "utf8");
  const newText = readFileSync(newPath, "utf8");
  // Constructing the Parser loads its rulesets once; excluded, as bench/load.mjs does.
  const parser = new Parser();
  const once = async () => {
    const p = await timed(async () => [await parser.parse(oldText), await parser.parse(newText)]);
    const [a, b] = p.value;
    if (!a.document || !b.document) throw new Error("@asyncapi/parser rejected the generated pair");
    const d = await timed(() => diff(a.document.json(), b.document.json(), { outputType: "json" }));
    return { parseMs: p.ms, diffMs: d.ms, output: d.value.getOutput() };
  };
  const first = await once();
  const parse = [];
  const diffs = [];
  const totals = [];
  let output = first.output;
  for (let r = 0; r < opts.runs; r++) {
    const t = await once();
    parse.push(t.parseMs);
    diffs.push(t.diffMs);
    totals.push(t.parseMs + t.diffMs);
    output = t.output;
  }
  const types = { breaking: 0, "non-breaking": 0, unclassified: 0 };
  let parserNoise = 0;
  for (const c of output.changes) {
    types[c.type] = (types[c.type] ?? 0) + 1;
    if (c.path.includes("/x-parser-")) parserNoise++;
  }
  const classes = theirsPayloadClasses(output.changes);
  const classCounts = { breaking: 0, "non-breaking": 0, unclassified: 0 };
  for (const name of pair.payloadChanges.keys()) {
    const cls = classes.get(name);
    if (cls) classCounts[cls]++;
  }
  const totalMedian = median(totals);
  console.log(
    `\n(c) @asyncapi/diff 0.5 on the same pair (@asyncapi/parser parse of both, then diff(old.json(), new.json())):`,
  );
  console.log(
    `    first ${ms(first.parseMs + first.diffMs)}; median parse ${ms(median(parse))} + diff ${ms(median(diffs))} ` +
      `= ${ms(totalMedian)} (runs ${fmtRuns(totals)})`,
  );
  console.log(
    `    ${output.changes.length} changes: ${types.breaking} breaking, ${types["non-breaking"]} non-breaking, ` +
      `${types.unclassified} unclassified (${parserNoise} of them renumbered x-parser-* ids, ignored below)`,
  );
  return {
    totalMedian,
    diffMedian: median(diffs),
    classCounts,
    score: score(pair.payloadChanges, (name) => classes.get(name) === "breaking"),
  };
}

// ---------------------------------------------------------------------------------------------------

async function run(opts) {
  if (!existsSync(DIST_COMPAT) || !existsSync(DIST_COMMAND)) {
    console.error(`bench/compat.mjs: ${DIST_COMMAND} not found; the benchmark runs against the built code.`);
    console.error("Run `npm run build` first.");
    process.exitCode = 1;
    return;
  }
  const { isSubset } = await import(pathToFileURL(DIST_COMPAT).href);
  const dist = {
    ...(await import(pathToFileURL(DIST_COMMAND).href)),
    ...(await import(pathToFileURL(DIST_MODEL).href)),
    ...(await import(pathToFileURL(DIST_DIFF).href)),
  };
  console.log(
    `Eventline compat benchmark — node ${process.version}, ${opts.runs} run(s) per measurement, median reported; ` +
      `${availableParallelism()} CPU(s), load average at start ${loadavg()[0].toFixed(2)}`,
  );
  const work = mkdtempSync(join(tmpdir(), "eventline-bench-compat-"));
  console.log(`temp dir: ${work}${opts.keep ? " (kept)" : ""}`);
  try {
    const corpus = opts.corpus ? await benchCorpus(isSubset, opts) : undefined;
    if (!opts.corpus) console.log("\n(a) corpus skipped (--no-corpus)");
    const pair = await benchPair(dist, opts, work);

    console.log("\nsummary");
    if (corpus) {
      const s = corpus.rows.find((r) => r.profile === "semantic");
      console.log(
        `  corpus, ${corpus.total} cases × 2 directions: first call ${ms(s.warm)}, first pass ${ms(s.first)}, ${ms(s.median)} median ` +
          `(target < ${TARGET_CORPUS_MS} ms) ${pass(s.first < TARGET_CORPUS_MS)}`,
      );
    }
    console.log(
      `  ${opts.channels}-channel pair, eventline compat: cold cache ${ms(pair.oursMedian)} median ` +
        `(target < ${TARGET_PAIR_MS} ms) ${pass(pair.oursMedian < TARGET_PAIR_MS)}; warm cache ${ms(pair.warmMedian)} ` +
        `${pass(pair.warmMedian < TARGET_PAIR_MS)}` +
        (pair.cli ? `; whole CLI process ${ms(pair.cli.ms)}` : ""),
    );
    if (pair.theirs) {
      const ratio = pair.oursMedian / pair.theirs.totalMedian;
      const warmRatio = pair.warmMedian / pair.theirs.totalMedian;
      console.log(
        `  vs @asyncapi/diff (parse + diff ${ms(pair.theirs.totalMedian)}): cold ${ratio.toFixed(2)}× ${pass(ratio < 1)}, ` +
          `warm ${warmRatio.toFixed(2)}× ${pass(warmRatio < 1)}`,
      );
    }
    const { maxRSS } = process.resourceUsage();
    console.log(`  peak RSS ${(maxRSS / 1024).toFixed(0)} MiB (whole process, parser workers excluded)`);
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
  // The parser workers keep the event loop alive.
  process.exit(process.exitCode ?? 0);
}

run(options()).catch((error) => {
  console.error(`bench/compat.mjs crashed: ${error?.stack ?? error}`);
  process.exit(1);
});
