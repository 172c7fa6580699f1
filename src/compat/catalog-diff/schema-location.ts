import { statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { DEFAULT_LIMITS } from "../../model/limits.js";
import { readSourceFile, type SourceFile } from "../../model/source-file.js";
import type { SourceLocation } from "../../model/types.js";
import { appendPointer, getAtPointer, parsePointer } from "../../schema/pointer.js";

/** Files read so far, by absolute path (undefined: outside the root or unreadable). */
export type SchemaFiles = Map<string, SourceFile | undefined>;

/**
 * Files larger than this are not re-read to refine a position: parsing a large document again with
 * positions costs more than the whole comparison of a warm (cached) run, so a finding in one keeps
 * the position the model already knows (the `payload:` line). Schema files are far smaller.
 */
const MAX_REFINED_BYTES = 128 * 1024;

/** More `$ref` hops than any real schema needs; a cycle of references stops here. */
const MAX_HOPS = 64;

/**
 * Where a pointer into a *resolved* schema is written: starting at the schema's definition, each
 * segment is looked up in the file as written, and a `$ref` that stands where the segment is missing
 * is followed into its target (another file under the root, or the same file), as the parser did
 * when it resolved the schema. So a finding lands on the keyword a pull request changed, in the file
 * that holds it. Undefined when the walk leaves the root or a file cannot be read; the deepest
 * location reached otherwise.
 */
export function locateInSchemaFiles(
  root: string,
  definition: SourceLocation,
  pointer: string,
  files: SchemaFiles = new Map(),
): SourceLocation | undefined {
  const load = (abs: string): SourceFile | undefined => {
    if (!files.has(abs)) {
      const rel = relative(root, abs);
      if (rel.startsWith("..") || isAbsolute(rel) || sizeOf(abs) > MAX_REFINED_BYTES)
        files.set(abs, undefined);
      else files.set(abs, readSourceFile(abs, rel.split(sep).join("/"), DEFAULT_LIMITS).file);
    }
    return files.get(abs);
  };
  let file = load(join(root, definition.file));
  if (!file) return undefined;
  let at = definition.pointer;
  let hops = 0;
  for (const segment of parsePointer(pointer) ?? []) {
    let node = getAtPointer(file.value, at);
    while (isRef(node) && !(segment in node) && hops++ < MAX_HOPS) {
      const [target, fragment = ""] = node.$ref.split("#", 2);
      if (target) {
        const next = load(resolve(dirname(file.path), decodeURI(target)));
        if (!next) return here(file, at);
        file = next;
      }
      at = decodeURIComponent(fragment);
      node = getAtPointer(file.value, at);
    }
    if (node === null || typeof node !== "object" || !(segment in node)) break;
    at = appendPointer(at, segment);
  }
  return here(file, at);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isRef(node: unknown): node is { $ref: string } {
  return node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string";
}

function here(file: SourceFile, pointer: string): SourceLocation {
  const { line, column } = file.locate(pointer);
  return { file: file.name, pointer, line, column };
}
