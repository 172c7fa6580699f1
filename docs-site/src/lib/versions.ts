import { catalog, message, paths, service } from "./catalog";
import type {
  CatalogHistory,
  CatalogMessage,
  CatalogResourceHistory,
  CatalogService,
  CatalogVersion,
  CatalogVersionDiff,
} from "./types";

/** Pages of the version history, relative to the site root. */
export const versionPaths = {
  index: "versions.html",
  message: (m: CatalogMessage) => `versions/messages/${m.slug}.html`,
  messageDiff: (m: CatalogMessage, d: CatalogVersionDiff) => `versions/messages/${m.slug}/${d.slug}.html`,
  service: (s: CatalogService) => `versions/services/${s.slug}.html`,
  serviceDiff: (s: CatalogService, d: CatalogVersionDiff) => `versions/services/${s.slug}/${d.slug}.html`,
};

export function history(): CatalogHistory | undefined {
  return catalog().history;
}

let byId: Map<string, CatalogVersion> | undefined;
/** A catalog version by id; the JSON lists every version a timeline names. */
export function version(id: string): CatalogVersion {
  byId ??= new Map((history()?.versions ?? []).map((v) => [v.id, v]));
  return byId.get(id) ?? { id, label: id };
}

export function messageHistory(id: string): CatalogResourceHistory | undefined {
  return history()?.messages.find((h) => h.id === id);
}

export function serviceHistory(id: string): CatalogResourceHistory | undefined {
  return history()?.services.find((h) => h.id === id);
}

/** A message's or a service's timeline with what its pages need. */
export interface Timeline {
  kind: "messages" | "services";
  slug: string;
  name: string;
  /** The document the resource is written in (two documents may each define a message of one name). */
  file: string;
  t: CatalogResourceHistory;
  /** The resource's own page, the timeline page, and a diff page (paths from the site root). */
  page: string;
  timeline: string;
  diff: (d: CatalogVersionDiff) => string;
  /** What the entries' `resourceVersion` is. */
  versionName: string;
}

/** Every timeline whose resource has a page: messages first, then services. */
export function timelines(): Timeline[] {
  const h = history();
  return [
    ...(h?.messages ?? []).flatMap((t): Timeline[] => {
      const m = message(t.id);
      return m
        ? [{ kind: "messages", slug: m.slug, name: m.name, file: m.file, t, page: paths.message(m), timeline: versionPaths.message(m), diff: (d) => versionPaths.messageDiff(m, d), versionName: "x-eventline-version" }]
        : [];
    }),
    ...(h?.services ?? []).flatMap((t): Timeline[] => {
      const s = service(t.id);
      return s
        ? [{ kind: "services", slug: s.slug, name: s.title, file: s.file, t, page: paths.service(s), timeline: versionPaths.service(s), diff: (d) => versionPaths.serviceDiff(s, d), versionName: "info.version" }]
        : [];
    }),
  ];
}

/** The diff page between consecutive entries that ends at entry `j` (undefined for the first). */
export function diffInto(t: CatalogResourceHistory, j: number): CatalogVersionDiff | undefined {
  const from = t.entries[j - 1];
  const to = t.entries[j];
  return from && to ? t.diffs.find((d) => d.from === from.version && d.to === to.version) : undefined;
}

/** "12 Mar 2026", or "" when the date is unknown. */
export function shortDate(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ""
    : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}
