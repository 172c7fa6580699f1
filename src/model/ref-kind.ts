import { realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fragmentToPointer } from "../schema/pointer.js";

export type RefKind =
  | { kind: "file"; path: string; pointer: string }
  | { kind: "remote"; url: string }
  | { kind: "unsupported"; reason: string };

/** Classifies a `$ref` string found in the file at `fromPath`. */
export function classifyRef(ref: string, fromPath: string): RefKind {
  const hash = ref.indexOf("#");
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  const pointer = fragmentToPointer(fragment);
  if (pointer === undefined) {
    return { kind: "unsupported", reason: `fragment "#${fragment}" is not a JSON pointer` };
  }
  if (/^https?:/i.test(location)) return { kind: "remote", url: ref };
  if (/^file:/i.test(location)) {
    try {
      return { kind: "file", path: fileURLToPath(location), pointer };
    } catch {
      return { kind: "unsupported", reason: `"${location}" is not a valid file URL` };
    }
  }
  // A drive letter ("C:") is a path, not a scheme.
  if (/^[a-z][a-z0-9+.-]+:/i.test(location)) {
    return { kind: "unsupported", reason: `the "${location.split(":")[0]}:" scheme is not supported` };
  }
  if (location === "") return { kind: "file", path: fromPath, pointer };
  let decoded = location;
  try {
    decoded = decodeURI(location);
  } catch {
    // Not percent-encoded after all; use it as written.
  }
  return { kind: "file", path: isAbsolute(decoded) ? decoded : resolve(dirname(fromPath), decoded), pointer };
}

/** True when `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  const r = root.endsWith("/") ? root : `${root}/`;
  return path === root || path.startsWith(r);
}

/** `path` with symbolic links resolved, or `path` itself when it does not exist (reported as such later). */
export function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
