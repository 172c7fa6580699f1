import { readFileSync } from "node:fs";
import type { CatalogChannel, CatalogJson, CatalogMessage, CatalogSaga, CatalogService } from "./types";

let cached: { file: string; json: CatalogJson; index: Index } | undefined;

interface Index {
  services: Map<string, CatalogService>;
  channels: Map<string, CatalogChannel>;
  messages: Map<string, CatalogMessage>;
}

/** The catalog JSON named by EVENTLINE_CATALOG_JSON, read once per build. */
export function catalog(): CatalogJson {
  return load().json;
}

function load() {
  const file = process.env.EVENTLINE_CATALOG_JSON;
  if (!file) throw new Error("EVENTLINE_CATALOG_JSON must name the catalog JSON file (eventline catalog export)");
  if (cached?.file === file) return cached;
  const json = JSON.parse(readFileSync(file, "utf8")) as CatalogJson;
  if (json.format !== "eventline-catalog/v2") throw new Error(`${file}: not an eventline-catalog/v2 file`);
  cached = {
    file,
    json,
    index: {
      services: new Map(json.services.map((s) => [s.id, s])),
      channels: new Map(json.channels.map((c) => [c.id, c])),
      messages: new Map(json.messages.map((m) => [m.id, m])),
    },
  };
  return cached;
}

export const service = (id: string) => load().index.services.get(id);
export const channel = (id: string) => load().index.channels.get(id);
export const message = (id: string) => load().index.messages.get(id);

/** Page paths relative to the site root, one `.html` file each. */
export const paths = {
  home: "index.html",
  services: "services.html",
  channels: (page = 1) => (page === 1 ? "channels.html" : `channel-list/${page}.html`),
  messages: (page = 1) => (page === 1 ? "messages.html" : `message-list/${page}.html`),
  graph: "graph.html",
  search: "search.html",
  service: (s: CatalogService) => `services/${s.slug}.html`,
  channel: (c: CatalogChannel) => `channels/${c.slug}.html`,
  message: (m: CatalogMessage) => `messages/${m.slug}.html`,
  flow: (slug: string) => `flows/${slug}.html`,
  sagas: "sagas.html",
  saga: (s: CatalogSaga) => `sagas/${s.slug}.html`,
  document: (s: CatalogService) => `services/${s.slug}.asyncapi.txt`,
  schema: (m: CatalogMessage, part: "payload" | "headers") => `messages/${m.slug}.${part}.schema.json`,
};

/**
 * A link from the page at `from` to `to`, both relative to the site root: relative links work from
 * file://, from a static host's root and under any sub-path alike.
 */
export function href(from: string, to: string): string {
  const depth = from.split("/").length - 1;
  return "../".repeat(depth) + to;
}

/** A rule's documentation page: its docs path under the project site, as SARIF reports link it. */
export function ruleDocsUrl(docs: string): string {
  return new URL(docs, "https://eventline.dev/").href;
}

/** Rows per list page: a catalog of 10,000 messages must not make a list page of megabytes. */
export const PAGE_SIZE = 200;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export function pageSlice<T>(list: readonly T[], page: number): T[] {
  return list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}
