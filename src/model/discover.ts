import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { EventlineError } from "../errors.js";

const DOCUMENT_EXTENSIONS = "**/*.{yaml,yml,json}";

/**
 * Expands the command line's paths (files, directories, globs; relative to `cwd`) or, when there are
 * none, the configured globs (relative to `root`) into a sorted list of absolute file paths.
 */
export async function discoverDocuments(options: {
  root: string;
  cwd: string;
  paths: readonly string[];
  documents: readonly string[];
  exclude: readonly string[];
}): Promise<string[]> {
  const found = new Set<string>();
  const ignore = [...options.exclude, "**/node_modules/**", "**/.eventline/**"];
  if (options.paths.length === 0) {
    for (const p of await glob([...options.documents], {
      cwd: options.root,
      absolute: true,
      ignore,
      onlyFiles: true,
    })) {
      found.add(resolve(p));
    }
    if (found.size === 0) {
      throw new EventlineError(
        "INPUT_NOT_FOUND",
        `no AsyncAPI documents found under ${options.root} (looked for ${options.documents.join(", ")})`,
        {
          hint: "Pass document paths, run from the project root, or set `documents` in eventline.config.yaml.",
        },
      );
    }
    return [...found].sort();
  }
  for (const p of options.paths) {
    // A literal path that exists wins over reading it as a glob (`[v1]/a.yaml` is a real folder name).
    if (isDynamicPattern(p) && !existsSync(resolve(options.cwd, p))) {
      const matches = await glob([p], { cwd: options.cwd, absolute: true, ignore, onlyFiles: true });
      if (matches.length === 0) throw new EventlineError("INPUT_NOT_FOUND", `no files match ${p}`);
      for (const m of matches) found.add(resolve(m));
      continue;
    }
    const abs = resolve(options.cwd, p);
    if (!existsSync(abs)) throw new EventlineError("INPUT_NOT_FOUND", `${p} does not exist`, { file: p });
    if (statSync(abs).isDirectory()) {
      const matches = await glob([DOCUMENT_EXTENSIONS], {
        cwd: abs,
        absolute: true,
        ignore,
        onlyFiles: true,
      });
      if (matches.length === 0) throw new EventlineError("INPUT_NOT_FOUND", `no YAML or JSON files in ${p}`);
      for (const m of matches) found.add(resolve(m));
    } else {
      found.add(abs);
    }
  }
  return [...found].sort();
}
