import { createHash } from "node:crypto";

/** Lower-case ASCII words joined by `-`: safe in a URL path segment and in a file name on any OS. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug === "" ? "x" : slug;
}

/**
 * One unique slug per key. Keys are handled in sorted order so the result does not depend on load
 * order; each takes its first free candidate, else the last one with a short hash of the key.
 */
export function uniqueSlugs(
  requests: readonly { key: string; candidates: readonly string[] }[],
): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  const sorted = [...requests].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { key, candidates } of sorted) {
    const slugs = candidates.map(slugify);
    let slug = slugs.find((s) => !used.has(s));
    if (slug === undefined) {
      slug = `${slugs[slugs.length - 1] ?? "x"}-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
    }
    used.add(slug);
    out.set(key, slug);
  }
  return out;
}
