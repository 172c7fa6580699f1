import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EventlineError } from "../errors.js";
import type { CatalogJson } from "./types.js";

/** The Astro project of the site; shipped beside dist/ in the package (src/catalog and dist/catalog alike). */
export const DOCS_SITE_DIR = resolve(fileURLToPath(new URL("../../docs-site", import.meta.url)));

export interface BuildSiteOptions {
  /** Output folder; emptied first. */
  out: string;
  /** URL path the site is served under (`/catalog/`); links are relative, so any base works. Default `/`. */
  base?: string;
  /** Progress lines (documents read, pages written); omit for a quiet build. */
  progress?: (line: string) => void;
  /** Skip the Pagefind search index (faster; the search page then says it has no index). */
  search?: boolean;
  /** Called as each step ends ("Astro", "Pagefind"), for timings. */
  step?: (name: string) => void;
}

export interface SiteStats {
  out: string;
  pages: number;
  bytes: number;
  largestPage: { path: string; bytes: number };
  medianPageBytes: number;
}

function normaliseBase(base: string | undefined): string {
  if (base === undefined || base === "") return "/";
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(base)) {
    throw new EventlineError(
      "USAGE",
      `--base must be a URL path starting with "/", got ${JSON.stringify(base)}`,
    );
  }
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * Renders the catalog JSON into a static site with the Astro project in docs-site/, then indexes it
 * with Pagefind. The site gets the JSON through a file named by EVENTLINE_CATALOG_JSON (it never
 * imports this package), and a copy of it as catalog.json.
 */
export async function buildSite(json: CatalogJson, options: BuildSiteOptions): Promise<SiteStats> {
  const out = resolve(options.out);
  const base = normaliseBase(options.base);
  if (out === resolve("/") || out === DOCS_SITE_DIR || DOCS_SITE_DIR.startsWith(`${out}/`)) {
    throw new EventlineError(
      "USAGE",
      `--out ${options.out} would replace the site's own sources; choose another folder`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), "eventline-site-"));
  const file = join(work, "catalog.json");
  writeFileSync(file, JSON.stringify(json));
  const previous = {
    json: process.env.EVENTLINE_CATALOG_JSON,
    telemetry: process.env.ASTRO_TELEMETRY_DISABLED,
  };
  process.env.EVENTLINE_CATALOG_JSON = file;
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  try {
    options.progress?.(
      `rendering ${json.services.length} services, ${json.channels.length} channels, ${json.messages.length} messages`,
    );
    mkdirSync(out, { recursive: true });
    // Each build renders a private copy of the project: Astro stages its output in <project>/.astro,
    // so two builds at once (tests in parallel, dev beside build) would overwrite each other's. The
    // copy sits inside docs-site/ so that its imports still resolve from the package's node_modules.
    const project = mkdtempSync(join(DOCS_SITE_DIR, ".build-"));
    try {
      cpSync(join(DOCS_SITE_DIR, "src"), join(project, "src"), { recursive: true });
      cpSync(join(DOCS_SITE_DIR, "astro.config.mjs"), join(project, "astro.config.mjs"));
      await runAstro([project, out, base, join(work, "cache")], project);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
    writeFileSync(join(out, "catalog.json"), JSON.stringify(json));
    options.step?.("Astro");
    if (options.search !== false) {
      options.progress?.("indexing for search (Pagefind)");
      await searchIndex(out);
      options.step?.("Pagefind");
    }
  } finally {
    restore("EVENTLINE_CATALOG_JSON", previous.json);
    restore("ASTRO_TELEMETRY_DISABLED", previous.telemetry);
    rmSync(work, { recursive: true, force: true });
  }
  const stats = siteStats(out);
  options.progress?.(`${stats.pages} pages written to ${out}`);
  return stats;
}

function runAstro(args: string[], cwd: string): Promise<void> {
  const runner = fileURLToPath(new URL("./astro-runner.js", import.meta.url));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [runner, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) done();
      else
        fail(
          new EventlineError(
            "INTERNAL",
            `the site build (Astro) failed with exit ${code}:\n${output.trim()}`,
          ),
        );
    });
  });
}

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

async function searchIndex(out: string): Promise<void> {
  const pagefind = await import("pagefind");
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new EventlineError("INTERNAL", `Pagefind could not start: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: out });
    if (added.errors.length > 0) throw new EventlineError("INTERNAL", `Pagefind: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: join(out, "pagefind") });
    if (written.errors.length > 0)
      throw new EventlineError("INTERNAL", `Pagefind: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}

/** Page count and sizes of the HTML files under `out`. */
export function siteStats(out: string): SiteStats {
  const pages: { path: string; bytes: number }[] = [];
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const size = statSync(path).size;
        bytes += size;
        if (entry.name.endsWith(".html")) pages.push({ path: relative(out, path), bytes: size });
      }
    }
  };
  walk(out);
  const sizes = pages.map((p) => p.bytes).sort((a, b) => a - b);
  const largest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: "", bytes: 0 });
  return {
    out,
    pages: pages.length,
    bytes,
    largestPage: largest,
    medianPageBytes: sizes.length === 0 ? 0 : sizes[Math.floor(sizes.length / 2)]!,
  };
}

/** Copies the built site elsewhere (used by `catalog dev` to swap a fresh build in atomically enough). */
export function copySite(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}
