import { catalog, paths } from "./catalog";
import { plainText } from "./markdown";
import type { CatalogMessage } from "./types";

/** One searchable resource: what a match shows and the words it matches on. */
export interface SearchEntry {
  kind: "service" | "channel" | "message";
  title: string;
  /** Relative to the site root (the search page sits there). */
  url: string;
  summary: string;
  /** Lower-case words: names, descriptions, field names, enum values, example values. */
  text: string;
}

// An entry's words are capped: the index is loaded whole by the search page, and must grow with the
// number of resources, not with the size of their schemas.
const MAX_TEXT = 1500;

function words(parts: Iterable<unknown>): string {
  const out = new Set<string>();
  let length = 0;
  for (const part of parts) {
    if (part === undefined || part === null || part === "") continue;
    const text = String(part).toLowerCase().replace(/\s+/g, " ").trim();
    if (text === "" || out.has(text)) continue;
    if (length + text.length > MAX_TEXT) break;
    out.add(text);
    length += text.length + 1;
  }
  return [...out].join(" ");
}

/** Property names, enum and const values, titles and descriptions found in a schema, breadth first. */
function* schemaWords(schema: unknown): Generator<unknown> {
  const queue: unknown[] = [schema];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === "properties" && value && typeof value === "object") yield* Object.keys(value);
      else if (key === "enum" && Array.isArray(value)) yield* value.filter((v) => typeof v !== "object");
      else if ((key === "const" || key === "title" || key === "description") && typeof value !== "object") yield value;
      if (value && typeof value === "object") queue.push(value);
    }
  }
}

/** Keys and scalar values of an example. */
function* exampleWords(value: unknown, depth = 0): Generator<unknown> {
  if (depth > 8 || value === null || value === undefined) return;
  if (typeof value !== "object") {
    yield value;
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(value)) yield key;
    yield* exampleWords(child, depth + 1);
  }
}

function messageEntry(m: CatalogMessage): SearchEntry {
  return {
    kind: "message",
    title: m.name,
    url: paths.message(m),
    summary: plainText(m.summary ?? m.description, 160),
    text: words([
      m.name,
      m.title,
      m.summary,
      plainText(m.description, 400),
      m.cloudEventsType,
      ...schemaWords(m.payload?.schema),
      ...schemaWords(m.headers?.schema),
      ...m.examples.flatMap((e) => [e.name, ...exampleWords(e.payload)]),
    ]),
  };
}

/**
 * The index the search page falls back to when Pagefind cannot load (a site opened from a file:
 * browsers refuse its fetches and module imports there).
 */
export function searchEntries(): SearchEntry[] {
  const site = catalog();
  return [
    ...site.services.map((s) => ({
      kind: "service" as const,
      title: s.title,
      url: paths.service(s),
      summary: plainText(s.description, 160),
      text: words([s.title, s.id, s.owner, plainText(s.description, 400), ...s.tags]),
    })),
    ...site.channels.map((c) => {
      const topic = c.topic ?? c.address ?? c.key;
      return {
        kind: "channel" as const,
        title: topic,
        url: paths.channel(c),
        summary: plainText(c.description, 160),
        text: words([topic, c.key, c.serviceId, plainText(c.description, 400)]),
      };
    }),
    ...site.messages.map(messageEntry),
  ];
}
