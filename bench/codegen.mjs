#!/usr/bin/env node
// Code-generation benchmark: Eventline's `generate` (direct, and through the AsyncAPI generator
// template) against @asyncapi/modelina's TypeScript generator (types only), on synthetic catalogs.
//
//   npm run build && npm run bench:codegen            # 50, 200, 800 messages, 3 runs
//   node bench/codegen.mjs --sizes 50 --runs 1        # quick run
//
// Runs against the built code in dist/. A report: the exit code is 0 whether or not the targets are
// met, non-zero only when something crashed or a tool produced nothing.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { benchArgs, median, positiveInt, positiveInts, timed } from "./lib.mjs";
import { writeCatalog } from "./synthetic-catalog.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(REPO, "dist");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const TARGET_800_MS = 10_000;

const USAGE = `usage: node bench/codegen.mjs [--runs N] [--sizes 50,200,800] [--no-template] [--no-modelina] [--no-tsc] [--keep]
  --runs N        repetitions per measurement; the median is reported (default 3)
  --sizes LIST    messages of each synthetic catalog, comma-separated (default 50,200,800)
  --no-template   skip generation through the AsyncAPI generator template
  --no-modelina   skip @asyncapi/modelina
  --no-tsc        skip the type-checks
  --keep          keep the catalogs and generated code in the temp dir`;

function options() {
  const { values, fail } = benchArgs("codegen.mjs", USAGE, {
    runs: { type: "string", default: "3" },
    sizes: { type: "string", default: "50,200,800" },
    "no-template": { type: "boolean", default: false },
    "no-modelina": { type: "boolean", default: false },
    "no-tsc": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  });
  return {
    runs: positiveInt(values.runs, "--runs", fail),
    sizes: positiveInts(values.sizes, "--sizes", fail),
    template: !values["no-template"],
    modelina: !values["no-modelina"],
    tsc: !values["no-tsc"],
    keep: values.keep,
  };
}

// ---------------------------------------------------------------------------------------------------
// Measurements.

function writeFiles(out, files) {
  rmSync(out, { recursive: true, force: true });
  for (const f of files) {
    const path = join(out, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}

/** tsc --noEmit (strict, NodeNext) over a folder; resolves to the error count. */
async function typecheck(folder) {
  writeFileSync(join(folder, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(folder, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
        typeRoots: [join(REPO, "node_modules", "@types")],
      },
      include: ["**/*.ts"],
    }),
  );
  try {
    await promisify(execFile)(process.execPath, [TSC, "-p", folder, "--pretty", "false"], {
      maxBuffer: 256 * 1024 * 1024,
    });
    return 0;
  } catch (error) {
    const lines = `${error.stdout ?? ""}`.split("\n").filter((l) => /error TS\d+/.test(l));
    if (lines.length === 0) throw error;
    return lines.length;
  }
}

async function main() {
  const opts = options();
  for (const f of ["codegen/generate-catalog.js", "model/index.js", "runtime/index.d.ts"]) {
    if (!existsSync(join(DIST, f))) {
      console.error(`bench/codegen.mjs: ${join(DIST, f)} is missing; run \`npm run build\` first`);
      process.exit(2);
    }
  }
  const { generateCatalog } = await import(pathToFileURL(join(DIST, "codegen/generate-catalog.js")).href);
  const { loadCatalog } = await import(pathToFileURL(join(DIST, "model/index.js")).href);
  const modelina = opts.modelina ? await import("@asyncapi/modelina") : undefined;
  const runtimeImport = join(DIST, "runtime", "index.js");

  const base = mkdtempSync(join(tmpdir(), "eventline-bench-codegen-"));
  const load = loadavg()[0].toFixed(2);
  console.log(
    `bench:codegen — ${opts.runs} run(s), medians; Node ${process.version}, ${availableParallelism()} CPUs, load average ${load}`,
  );
  // One-time costs (module loading, the template's transpilation, JIT), paid by the first call in a
  // process: measured once on a small catalog and kept out of the medians.
  const first = {};
  {
    const dir = join(base, "warm-up");
    const documents = writeCatalog(dir, 10);
    const { catalog } = await loadCatalog({
      root: dir,
      configFile: false,
      config: { cache: { enabled: false } },
    });
    first.direct = (await timed(() => generateCatalog(catalog, { template: false, runtimeImport }))).ms;
    if (opts.template) first.template = (await timed(() => generateCatalog(catalog, { runtimeImport }))).ms;
    if (modelina) {
      const generator = new modelina.TypeScriptGenerator({ modelType: "interface" });
      first.modelina = (
        await timed(() =>
          generator.generateCompleteModels(pathToFileURL(documents[0]).href, { exportType: "named" }),
        )
      ).ms;
    }
    console.log(
      `  first call on 10 messages (not in the medians): direct ${fmt(first.direct)}${opts.template ? `, template ${fmt(first.template)}` : ""}${modelina ? `, modelina ${fmt(first.modelina)}` : ""}`,
    );
  }
  const rows = [];
  for (const size of opts.sizes) {
    const dir = join(base, `catalog-${size}`);
    const documents = writeCatalog(dir, size);
    const t = { load: [], warm: [], direct: [], template: [], tsc: [], modelina: [], modelinaTsc: [] };
    const cacheDir = join(dir, ".cache");
    const cached = () =>
      loadCatalog({ root: dir, configFile: false, config: { cache: { enabled: true, dir: cacheDir } } });
    // Untimed: fills the cache for the warm loads, and starts the parser workers.
    await cached();
    let counts = {};
    for (let run = 0; run < opts.runs; run++) {
      const loaded = await timed(() =>
        loadCatalog({ root: dir, configFile: false, config: { cache: { enabled: false } } }),
      );
      const catalog = loaded.value.catalog;
      const errors = catalog.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0)
        throw new Error(
          `synthetic catalog has errors: ${errors[0].file}:${errors[0].line} ${errors[0].message}`,
        );
      t.load.push(loaded.ms);
      t.warm.push((await timed(cached)).ms);
      const direct = await timed(() => generateCatalog(catalog, { template: false, runtimeImport }));
      t.direct.push(direct.ms);
      if (opts.template) {
        const templated = await timed(() => generateCatalog(catalog, { runtimeImport }));
        t.template.push(templated.ms);
        if (templated.value.length !== direct.value.length)
          throw new Error(`template rendered ${templated.value.length} files, direct ${direct.value.length}`);
      }
      const out = join(dir, "out-eventline");
      writeFiles(out, direct.value);
      const typesLines = direct.value
        .filter((f) => f.path.endsWith("/types.ts"))
        .reduce((n, f) => n + f.content.split("\n").length, 0);
      counts = {
        messages: catalog.messages.length,
        documents: documents.length,
        files: direct.value.length,
        typesLines,
      };
      if (opts.tsc) {
        const check = await timed(() => typecheck(out));
        t.tsc.push(check.ms);
        counts.tscErrors = check.value;
      }
      if (modelina) {
        const generated = await timed(async () => {
          const files = [];
          for (const file of documents) {
            const generator = new modelina.TypeScriptGenerator({ modelType: "interface" });
            const models = await generator.generateCompleteModels(pathToFileURL(file).href, {
              exportType: "named",
            });
            const folder = file.replace(/^.*\//, "").replace(/\.yaml$/, "");
            for (const m of models) files.push({ path: `${folder}/${m.modelName}.ts`, content: m.result });
          }
          return files;
        });
        t.modelina.push(generated.ms);
        counts.modelinaFiles = generated.value.length;
        if (generated.value.length === 0) throw new Error("modelina generated no models");
        const mout = join(dir, "out-modelina");
        writeFiles(mout, generated.value);
        if (opts.tsc) {
          const check = await timed(() => typecheck(mout));
          t.modelinaTsc.push(check.ms);
          counts.modelinaTscErrors = check.value;
        }
      }
    }
    rows.push({
      size,
      counts,
      m: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.length ? median(v) : undefined])),
    });
    const r = rows[rows.length - 1];
    console.log(
      `  ${size} messages: load ${fmt(r.m.load)}, generate ${fmt(r.m.direct)} direct${opts.template ? ` / ${fmt(r.m.template)} template` : ""}${opts.tsc ? `, tsc ${fmt(r.m.tsc)}` : ""}${modelina ? `; modelina ${fmt(r.m.modelina)}` : ""}`,
    );
  }
  printTable(rows, opts);
  if (opts.keep) console.log(`kept: ${base}`);
  else rmSync(base, { recursive: true, force: true });
}

const fmt = (ms) =>
  ms === undefined ? "-" : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
const ratio = (a, b) => (a === undefined || b === undefined ? "-" : `${(a / b).toFixed(2)}×`);

function printTable(rows, opts) {
  const header = [
    "messages",
    "docs",
    "load cold",
    "load warm",
    "gen direct",
    "gen template",
    "cold+tmpl",
    "warm+tmpl",
    "tsc (errors)",
    "modelina",
    "modelina tsc (errors)",
    "warm+tmpl/modelina",
    "cold+tmpl/modelina",
  ];
  const lines = rows.map((r) => {
    const gen = r.m.template ?? r.m.direct;
    return [
      String(r.size),
      String(r.counts.documents),
      fmt(r.m.load),
      fmt(r.m.warm),
      fmt(r.m.direct),
      fmt(r.m.template),
      fmt(r.m.load + gen),
      fmt(r.m.warm + gen),
      r.m.tsc === undefined ? "-" : `${fmt(r.m.tsc)} (${r.counts.tscErrors})`,
      r.m.modelina === undefined ? "-" : `${fmt(r.m.modelina)} (${r.counts.modelinaFiles} files)`,
      r.m.modelinaTsc === undefined ? "-" : `${fmt(r.m.modelinaTsc)} (${r.counts.modelinaTscErrors})`,
      ratio(r.m.warm + gen, r.m.modelina),
      ratio(r.m.load + gen, r.m.modelina),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(`\n${row(header)}\n${lines.map(row).join("\n")}`);
  console.log(
    [
      "",
      "load cold = Eventline's loadCatalog without cache (parse in worker threads, $refs, model); load warm = the same",
      "  with the .eventline cache filled (unchanged documents). gen = generateCatalog on the loaded catalog: direct =",
      "  the renderers only, template = through @asyncapi/generator and generators/typescript (what `eventline generate`",
      "  does). cold/warm+tmpl = files to code. tsc = --noEmit --strict --noUncheckedIndexedAccess (NodeNext) over the",
      "  output. modelina = new TypeScriptGenerator({modelType:'interface'}).generateCompleteModels per document from its",
      "  file, its own parse included; types only (no validators, no client); its tsc errors are its extension-less",
      "  imports under NodeNext. Ratio < 1: Eventline is faster.",
    ].join("\n"),
  );
  const big = rows.find((r) => r.size === 800);
  if (!big) return;
  const gen = big.m.template ?? big.m.direct;
  const verdict = (ok) => (ok ? "met" : "NOT met");
  console.log(`\ntargets at 800 messages (${opts.template ? "template" : "direct"} generation):`);
  console.log(
    `  generate < ${TARGET_800_MS / 1000} s, loaded catalog: ${fmt(gen)} — ${verdict(gen < TARGET_800_MS)}`,
  );
  console.log(
    `  generate < ${TARGET_800_MS / 1000} s, files to code, warm cache: ${fmt(big.m.warm + gen)} — ${verdict(big.m.warm + gen < TARGET_800_MS)}`,
  );
  console.log(
    `  generate < ${TARGET_800_MS / 1000} s, files to code, cold: ${fmt(big.m.load + gen)} — ${verdict(big.m.load + gen < TARGET_800_MS)}`,
  );
  if (big.m.modelina !== undefined) {
    console.log(
      `  not slower than modelina (files to code, warm / cold): ${ratio(big.m.warm + gen, big.m.modelina)} / ${ratio(big.m.load + gen, big.m.modelina)} — ${verdict(big.m.warm + gen <= big.m.modelina)} / ${verdict(big.m.load + gen <= big.m.modelina)}`,
    );
  }
}

main().catch((error) => {
  console.error(`bench/codegen.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
