import { dirname, relative, resolve, sep } from "node:path";
import { EventlineError } from "../../errors.js";
import { isInside, realOrSelf } from "../../model/ref-kind.js";
import type { SourceFile } from "../../model/source-file.js";
import { copyAcyclic } from "../../schema/decycle.js";
import { appendPointer, getAtPointer, hasPointer } from "../../schema/pointer.js";
import { readInputFile } from "./detect.js";

/** Identity keywords of an inlined file: left in place they would rebase the `#/…` refs around them. */
const IDENTITY = new Set(["$id", "$anchor", "$dynamicAnchor", "$schema"]);

/** Where a schema file's references may lead: the rules a catalog's documents follow. */
export interface FileRefPolicy {
  /** The project root, or the schema's own folder when the schema lies outside the root. */
  boundary: string;
  /** `allowOutsideRoot` from the config: references may leave the boundary. */
  allowOutsideRoot: boolean;
  /** `limits.maxRefFiles` from the config: at most this many files, the schema file included. */
  maxFiles: number;
}

/**
 * A schema file with its relative `$ref`s to other files followed, as a catalog's parser follows them:
 * each reference is replaced by what it points to (with `$ref` siblings kept beside it in an
 * `allOf`), references inside the inlined files resolve against those files, recursion becomes a
 * local `$ref` to the ancestor, and the file's own `#…` references stay as they are. A reference must
 * stay inside the policy's boundary (symbolic links resolved), unless the config allows leaving it;
 * one that leaves it, names a file or pointer that does not exist, or reaches more files than the
 * limit, is an input error with the file and line. Remote (`http:`) references are left for the engine, which reports them.
 */
export function followFileRefs(root: SourceFile, policy: FileRefPolicy): unknown {
  const { boundary } = policy;
  const realBoundary = realOrSelf(boundary);
  const files = new Map<string, SourceFile>([[root.path, root]]);
  const inlined = new Map<string, Record<string, unknown>>();

  const load = (abs: string, from: SourceFile, at: string, ref: string): SourceFile => {
    // The real path too: a symbolic link inside the root may lead anywhere.
    if (!policy.allowOutsideRoot && !(isInside(boundary, abs) && isInside(realBoundary, realOrSelf(abs))))
      throw refError(from, at, `$ref "${ref}" points outside ${boundary} (${abs})`, {
        hint: "Run with --root set to a folder that holds both files, or set allowOutsideRoot: true in eventline.config.yaml.",
      });
    let file = files.get(abs);
    if (!file) {
      if (files.size >= policy.maxFiles)
        throw refError(from, at, `more than ${policy.maxFiles} files are reachable through $refs`, {
          hint: "Raise limits.maxRefFiles in eventline.config.yaml if this is intended.",
        });
      const name = relative(boundary, abs).split(sep).join("/");
      file = readInputFile(abs, name);
      files.set(abs, file);
    }
    return file;
  };

  /** `node` as found in `file`; `external` when it came from another file than the root. */
  const walk = (node: unknown, file: SourceFile, at: string, external: boolean): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((v, i) => walk(v, file, appendPointer(at, i), external));
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === "string" && (external || !ref.startsWith("#")) && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      const target = follow(ref, file, appendPointer(at, "$ref"));
      const siblings = Object.entries(record).filter(([k]) => k !== "$ref");
      if (siblings.length === 0) return target;
      const rest = Object.fromEntries(
        siblings.map(([k, v]) => [k, walk(v, file, appendPointer(at, k), external)]),
      );
      return { ...rest, allOf: [...((rest.allOf as unknown[] | undefined) ?? []), target] };
    }
    return Object.fromEntries(
      Object.entries(record).map(([k, v]) => [k, walk(v, file, appendPointer(at, k), external)]),
    );
  };

  const follow = (ref: string, from: SourceFile, at: string): Record<string, unknown> => {
    const hash = ref.indexOf("#");
    const target = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? "" : decodeURIComponent(ref.slice(hash + 1));
    const file = target === "" ? from : load(resolve(dirname(from.path), decodeURI(target)), from, at, ref);
    const key = `${file.path}#${pointer}`;
    const seen = inlined.get(key);
    // The same object for every use: a reference back to an ancestor becomes a cycle, which
    // copyAcyclic turns into a local `$ref` below.
    if (seen) return seen;
    if (!hasPointer(file.value, pointer))
      throw refError(from, at, `$ref "${ref}" names nothing: ${file.name} has no ${pointer || "root"}`);
    const shell: Record<string, unknown> = {};
    inlined.set(key, shell);
    const value = walk(getAtPointer(file.value, pointer), file, pointer, true);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) Object.assign(shell, value);
    else Object.assign(shell, { allOf: [value] });
    return shell;
  };

  return copyAcyclic(walk(root.value, root, "", false), {
    keep: (key, _value, atRoot) => atRoot || !IDENTITY.has(key),
  });
}

function refError(
  from: SourceFile,
  at: string,
  message: string,
  options: { hint?: string } = {},
): EventlineError {
  const { line, column } = from.locate(at);
  return new EventlineError("INPUT_INVALID", `${from.name}:${line}:${column}: ${message}`, {
    file: from.name,
    line,
    column,
    ...options,
  });
}
