import { resolve } from "node:path";
import { generateCatalog } from "../../codegen/generate-catalog.js";
import { writeServiceTests } from "../../codegen/generate-tests.js";
import { compareOutput, writeOutput } from "../../codegen/output.js";
import { EventlineError } from "../../errors.js";
import { loadCatalog } from "../../model/index.js";
import { projectRoot } from "../../model/load-catalog.js";
import type { CliIo } from "../io.js";
import { watchAndGenerate } from "./generate-watch.js";

export interface GenerateCommandOptions {
  out: string;
  service?: string[];
  check?: boolean;
  runtimeImport?: string;
  root?: string;
  config?: string;
  /** Also write one property-test file per service into this folder (never overwriting one). */
  tests?: string;
  /** Regenerate after every change to the documents and schemas, until `signal` aborts (or SIGINT/SIGTERM). */
  watch?: boolean;
}

/**
 * `eventline generate`: 0 written (or up to date with --check), 1 stale with --check, 2 bad input.
 * With `watch`, regenerates on every change until `signal` aborts (the CLI: SIGINT or SIGTERM), then 0.
 */
export async function run(options: GenerateCommandOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  if (options.tests !== undefined && (options.check || options.watch))
    throw new EventlineError("USAGE", `--tests does not go with ${options.check ? "--check" : "--watch"}`, {
      hint: "--tests writes starting points once; run it on its own.",
    });
  if (!options.watch) return generateOnce(options, io);
  if (options.check)
    throw new EventlineError("USAGE", "--watch and --check do not go together", {
      hint: "--check is the CI guard; --watch is for local development.",
    });
  const stop = signal ? undefined : stopOnSignals();
  try {
    return await watchAndGenerate(
      { root: projectRoot(io.cwd, options.root), out: resolve(io.cwd, options.out) },
      io,
      () => generateOnce(options, io),
      signal ?? (stop as AbortController).signal,
    );
  } finally {
    stop?.abort();
  }
}

/** An AbortController aborted by the first SIGINT or SIGTERM (its listeners go when it aborts). */
export function stopOnSignals(): AbortController {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  controller.signal.addEventListener("abort", () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  });
  return controller;
}

async function generateOnce(options: GenerateCommandOptions, io: CliIo): Promise<number> {
  const { catalog } = await loadCatalog({
    cwd: io.cwd,
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
  });
  const files = await generateCatalog(catalog, {
    ...(options.service?.length ? { services: options.service } : {}),
    ...(options.runtimeImport !== undefined ? { runtimeImport: options.runtimeImport } : {}),
  });
  const out = resolve(io.cwd, options.out);
  const services = new Set(files.map((f) => f.path.split("/")[0])).size;
  if (options.check) {
    const differences = compareOutput(out, files);
    if (differences.length === 0) {
      io.stdout(
        `Generated code in ${options.out} is up to date (${files.length} files, ${services} services).\n`,
      );
      return 0;
    }
    for (const d of differences) io.stdout(`${d.status.padEnd(7)} ${options.out}/${d.path}\n`);
    io.stdout(
      `Generated code in ${options.out} is stale: run \`eventline generate\` and commit the result.\n`,
    );
    return 1;
  }
  writeOutput(out, files);
  io.stdout(`Generated ${files.length} files for ${services} services in ${options.out}.\n`);
  if (options.tests !== undefined) {
    const wanted = options.service?.length ? new Set(options.service) : undefined;
    const results = writeServiceTests(
      catalog,
      catalog.services.filter((s) => !wanted || wanted.has(s.id)),
      resolve(io.cwd, options.tests),
      out,
    );
    const written = results.filter((r) => r.status === "written");
    const kept = results.filter((r) => r.status === "kept");
    for (const r of written) io.stdout(`wrote   ${options.tests}/${r.path}\n`);
    io.stdout(
      `Property tests: ${written.length} written in ${options.tests}` +
        (kept.length > 0 ? `, ${kept.length} kept as they were (never overwritten)` : "") +
        ".\n",
    );
  }
  return 0;
}
