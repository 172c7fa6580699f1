import { catalog, message, service } from "./catalog";
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

/** Every message and service timeline with its page's resource, for getStaticPaths. */
export function timelines() {
  const h = history();
  return {
    messages: (h?.messages ?? []).flatMap((t) => {
      const m = message(t.id);
      return m ? [{ m, t }] : [];
    }),
    services: (h?.services ?? []).flatMap((t) => {
      const s = service(t.id);
      return s ? [{ s, t }] : [];
    }),
  };
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
