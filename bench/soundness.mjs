#!/usr/bin/env node
// Soundness benchmark: adversarial schema pairs (src/compat/adversarial-pairs.ts) through isSubset,
// and every "compatible" verdict checked by looking for a message ajv accepts under the writer and
// rejects under the reader (src/compat/refute.ts). Prints pairs/s, the verdicts and the refuted count.
//
//   npm run build && npm run bench:soundness          # 100,000 pairs
//   node bench/soundness.mjs --pairs 5000 --seed 7    # a quick run, another seed
//
// Runs against the built code in dist/. Exit 1 when a verdict is refuted (each such pair is printed),
// else 0.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { benchArgs, positiveInt } from "./lib.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (path) => pathToFileURL(join(REPO, "dist", "compat", path)).href;

const USAGE = `usage: node bench/soundness.mjs [--pairs N] [--seed N] [--budget N]
  --pairs N    adversarial schema pairs to judge (default 100000)
  --seed N     fast-check seed of the first batch (default 20261206)
  --budget N   witness-search candidates per compatible pair (default 300)`;

const BATCH = 500;
/** Findings that only say the engine could not decide. */
const UNDECIDED = new Set(["unprovable", "ref-unresolvable", "schema-invalid"]);

const { values, fail } = benchArgs("soundness.mjs", USAGE, {
  pairs: { type: "string", default: "100000" },
  seed: { type: "string", default: "20261206" },
  budget: { type: "string", default: "300" },
});
const pairs = positiveInt(values.pairs, "--pairs", fail);
const seed = positiveInt(values.seed, "--seed", fail);
const budget = positiveInt(values.budget, "--budget", fail);

const { adversarialPair } = await import(dist("adversarial-pairs.js"));
const { isSubset } = await import(dist("is-subset.js"));
const { refute } = await import(dist("refute.js"));

const counts = { compatible: 0, incompatible: 0, unprovable: 0 };
let uncompilable = 0;
const refuted = [];
const started = performance.now();
let judgeMs = 0;
for (let done = 0, batch = 0; done < pairs; batch++) {
  const n = Math.min(BATCH, pairs - done);
  for (const { writer, reader } of fc.sample(adversarialPair, { numRuns: n, seed: seed + batch })) {
    const t = performance.now();
    const findings = isSubset(writer, reader);
    judgeMs += performance.now() - t;
    if (findings.length > 0) {
      counts[findings.every((f) => UNDECIDED.has(f.ruleId)) ? "unprovable" : "incompatible"]++;
      continue;
    }
    counts.compatible++;
    const r = refute(writer, reader, { budget });
    if (r.status === "uncompilable") uncompilable++;
    if (r.status === "refuted") refuted.push({ writer, reader, witness: r.value });
  }
  done += n;
  if (process.stderr.isTTY) process.stderr.write(`\r${done}/${pairs} pairs`);
}
const seconds = (performance.now() - started) / 1000;
if (process.stderr.isTTY) process.stderr.write("\n");

const pct = (n) => `${((100 * n) / pairs).toFixed(1)}%`;
console.log(
  `soundness: ${pairs} adversarial pairs in ${seconds.toFixed(1)} s, ${Math.round(pairs / seconds)} pairs/s`,
);
console.log(`  isSubset alone: ${Math.round(judgeMs)} ms, ${Math.round(pairs / (judgeMs / 1000))} pairs/s`);
console.log(
  `  verdicts: ${counts.compatible} compatible (${pct(counts.compatible)}), ${counts.incompatible} incompatible (${pct(counts.incompatible)}), ${counts.unprovable} unprovable (${pct(counts.unprovable)})`,
);
console.log(
  `  compatible verdicts checked: ${counts.compatible - uncompilable} (${uncompilable} with a schema ajv refuses, not checkable)`,
);
console.log(`  refuted: ${refuted.length}`);
for (const r of refuted.slice(0, 10)) console.log(JSON.stringify(r));
process.exitCode = refuted.length > 0 ? 1 : 0;
