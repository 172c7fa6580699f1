// Writes generated files into the output folder without ever leaving it, and without leaving a
// half-written service folder behind: each folder is built beside its destination and swapped in.
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { EventlineError } from "../errors.js";
import type { GeneratedFile } from "./generate.js";

/** A generated file that differs from the one on disk, or a file on disk generation would not write. */
export interface FileDifference {
  /** Relative to the output folder (`/`-separated). */
  path: string;
  /** `missing` on disk, `changed` on disk, or `extra`: on disk inside a service folder but not generated. */
  status: "missing" | "changed" | "extra";
}

/** The absolute path of a generated file, refusing any path that would land outside `out`. */
export function containedPath(out: string, path: string): string {
  const target = resolve(out, path);
  const rel = relative(out, target);
  if (path === "" || isAbsolute(path) || rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    throw new EventlineError("INTERNAL", `refusing to write ${JSON.stringify(path)} outside ${out}`);
  }
  return target;
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listFiles(join(dir, e.name), base)
      : [relative(base, join(dir, e.name)).split(sep).join("/")],
  );
}

const topFolder = (path: string) => path.split("/")[0]!;

/** What differs between the files on disk and the files generation would write (for `--check`). */
export function compareOutput(out: string, files: readonly GeneratedFile[]): FileDifference[] {
  const differences: FileDifference[] = [];
  const expected = new Set(files.map((f) => f.path));
  for (const file of files) {
    const target = containedPath(out, file.path);
    if (!existsSync(target)) differences.push({ path: file.path, status: "missing" });
    else if (readFileSync(target, "utf8") !== file.content)
      differences.push({ path: file.path, status: "changed" });
  }
  for (const folder of new Set(files.map((f) => topFolder(f.path)))) {
    for (const rel of listFiles(containedPath(out, folder))) {
      const path = `${folder}/${rel}`;
      if (!expected.has(path)) differences.push({ path, status: "extra" });
    }
  }
  return differences.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Replaces each service folder under `out` with exactly the generated files. Files outside those
 * folders are left alone. A failure while writing leaves the previous folder in place.
 */
export function writeOutput(out: string, files: readonly GeneratedFile[]): void {
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new EventlineError("USAGE", `--out ${out} is not a directory`);
  }
  mkdirSync(out, { recursive: true });
  const byFolder = new Map<string, GeneratedFile[]>();
  for (const file of files) {
    containedPath(out, file.path);
    const folder = topFolder(file.path);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const tag = randomBytes(4).toString("hex");
  for (const [folder, folderFiles] of byFolder) {
    const final = containedPath(out, folder);
    const staging = join(out, `.${folder}.eventline-${tag}`);
    const old = join(out, `.${folder}.eventline-old-${tag}`);
    try {
      for (const file of folderFiles) {
        const target = join(staging, file.path.slice(folder.length + 1));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.content);
      }
      if (existsSync(final)) renameSync(final, old);
      renameSync(staging, final);
    } catch (error) {
      if (!existsSync(final) && existsSync(old)) renameSync(old, final);
      rmSync(staging, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code ?? "";
      throw new EventlineError(
        "INPUT_INVALID",
        `cannot write ${final} (${code || (error as Error).message})`,
      );
    }
    rmSync(old, { recursive: true, force: true });
  }
}
