import { copyAcyclic } from "./decycle.js";

/**
 * Identity keywords of files the parser inlined. After dereferencing nothing refers to them any
 * more, and left in place they rebase our `#/…` back-references and collide in a shared ajv
 * instance when two messages inline the same file, so they go, the root's `$id` included.
 */
const IDENTITY = new Set(["$id", "$anchor", "$dynamicAnchor", "$schema"]);

export const DEFAULT_MAX_NODES = 100_000;
const MAX_DEPTH = 500;

export class SchemaTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaTooLargeError";
  }
}

/**
 * Copies a dereferenced schema into a tree ajv can compile. A back-edge to an ancestor (a recursive
 * schema) becomes `{ "$ref": "#<pointer of that ancestor in the copy>" }`; a node reached twice
 * without a cycle is copied twice, which is what inlining meant anyway. Keeps only the root's
 * `$schema` (it picks the draft), drops `x-parser-*` annotations and AsyncAPI's string
 * `discriminator`, which ajv would read as the OpenAPI keyword of the same name.
 *
 * Throws SchemaTooLargeError when sharing would expand the tree past `maxNodes` nodes.
 */
export function toAcyclicSchema(resolved: unknown, maxNodes = DEFAULT_MAX_NODES): unknown {
  let count = 0;
  return copyAcyclic(resolved, {
    keep: keepKeyword,
    refTo: (pointer) => `#${fragment(pointer)}`,
    visit: (depth) => {
      count++;
      if (count > maxNodes)
        throw new SchemaTooLargeError(`the schema expands to more than ${maxNodes} nodes`);
      if (depth > MAX_DEPTH)
        throw new SchemaTooLargeError(`the schema is nested more than ${MAX_DEPTH} levels deep`);
    },
  });
}

function keepKeyword(key: string, value: unknown, atRoot: boolean): boolean {
  if (key.startsWith("x-parser-")) return false;
  if (key === "discriminator" && typeof value === "string") return false;
  if (key === "$schema") return atRoot;
  return !IDENTITY.has(key);
}

/** A pointer as a URI fragment: ajv percent-decodes `$ref` fragments before reading the pointer. */
function fragment(pointer: string): string {
  return pointer
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
