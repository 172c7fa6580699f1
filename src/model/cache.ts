import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { DocumentModel } from "./build-context.js";

/** Bump when the shape of a cached DocumentModel changes. */
const FORMAT = 2;

interface Entry {
  format: number;
  /** Every file the result depends on (the document and its `$ref`'d files) with its content hash. */
  deps: { path: string; sha256: string }[];
  model: DocumentModel;
}

export interface ParseCache {
  get(key: string): DocumentModel | undefined;
  set(key: string, deps: { path: string; sha256: string }[], model: DocumentModel): void;
}

export function cacheKey(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex");
}

export function sha256File(path: string): string | undefined {
  try {
    return sha256Text(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** The hash readSourceFile records for this text: its TextDecoder drops a leading BOM. */
export function sha256Text(text: string): string {
  return createHash("sha256")
    .update(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    .digest("hex");
}

/**
 * Parse results on disk, keyed by the document's content and settings, validated against the content
 * of every dependency. v8 serialization keeps the cyclic resolved schemas of recursive documents.
 * Any unreadable or malformed entry is a miss, never an error.
 */
export function createDiskCache(dir: string): ParseCache {
  // One cache per load: a schema shared by many documents is hashed once per load, not once per entry.
  const hashes = new Map<string, string | undefined>();
  const hashOf = (path: string) => {
    if (!hashes.has(path)) hashes.set(path, sha256File(path));
    return hashes.get(path);
  };
  return {
    get(key) {
      let entry: Entry;
      try {
        entry = deserialize(readFileSync(join(dir, `${key}.bin`))) as Entry;
      } catch {
        return undefined;
      }
      if (!entry || entry.format !== FORMAT || !Array.isArray(entry.deps) || !wellFormed(entry.model)) {
        return undefined;
      }
      for (const dep of entry.deps) {
        if (hashOf(dep.path) !== dep.sha256) return undefined;
      }
      return entry.model;
    },
    set(key, deps, model) {
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = join(dir, `${key}.${process.pid}.tmp`);
        writeFileSync(tmp, serialize({ format: FORMAT, deps, model } satisfies Entry));
        renameSync(tmp, join(dir, `${key}.bin`));
      } catch {
        // A read-only or full disk only costs speed.
      }
    },
  };
}

/** Enough of the shape to be safe to use; anything else is a miss. */
function wellFormed(model: unknown): model is DocumentModel {
  if (model === null || typeof model !== "object") return false;
  const m = model as Record<string, unknown>;
  return (
    typeof m.file === "string" &&
    ["channels", "messages", "operations", "diagnostics"].every((k) => Array.isArray(m[k])) &&
    (m.service === undefined || (typeof m.service === "object" && m.service !== null))
  );
}

export const noCache: ParseCache = { get: () => undefined, set: () => undefined };
