/** RFC 6901 JSON pointers. */

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join("");
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + toPointer(segments);
}

/** Splits a pointer; returns undefined when it is not a valid pointer (must be "" or start with "/"). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  return pointer.slice(1).split("/").map(unescapeSegment);
}

/** Decodes the fragment of a `$ref` (`#/a/b%20c`) into a pointer; undefined when it is not a pointer. */
export function fragmentToPointer(fragment: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  if (decoded === "") return "";
  return decoded.startsWith("/") ? decoded : undefined;
}

const MISSING = Symbol("missing");

export function getAtPointer(root: unknown, pointer: string): unknown {
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  const found = walk(root, segments);
  return found === MISSING ? undefined : found;
}

export function hasPointer(root: unknown, pointer: string): boolean {
  const segments = parsePointer(pointer);
  return segments !== undefined && walk(root, segments) !== MISSING;
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return MISSING;
      const index = Number(segment);
      if (index >= node.length) return MISSING;
      node = node[index];
    } else if (node !== null && typeof node === "object") {
      if (!Object.hasOwn(node, segment)) return MISSING;
      node = (node as Record<string, unknown>)[segment];
    } else {
      return MISSING;
    }
  }
  return node;
}
