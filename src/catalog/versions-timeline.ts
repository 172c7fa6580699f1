// A message's or a service's state in one catalog version, and its timeline across versions.
import type { Catalog, Message, Service } from "../model/types.js";
import { catalogSchema } from "./examples.js";
import type { CatalogHistoryEntry } from "./types.js";

/** What a timeline entry shows, and a digest that says whether anything the compat rules read changed. */
export interface ResourceState {
  digest: string;
  entry: Omit<CatalogHistoryEntry, "version" | "change">;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function schemaText(message: Message, part: "payload" | "headers"): { label: string; text: string }[] {
  const ref = message[part];
  if (!ref) return [];
  const schema = catalogSchema(ref);
  return [{ label: part, text: `${JSON.stringify(schema.schema ?? schema.error ?? null, null, 2)}\n` }];
}

/** The mode a message is checked in: its own `x-eventline-compatibility`, its document's, else BACKWARD. */
export function messageMode(catalog: Catalog, message: Message): string {
  const owner = catalog.services.find((s) => s.file === message.source.file);
  return (text(message.compatibility) ?? text(owner?.compatibility) ?? "BACKWARD").toUpperCase();
}

/** Every message's state in `catalog`, by message id. */
export function messageStates(catalog: Catalog): Map<string, ResourceState> {
  const addresses = new Map<string, string[]>();
  for (const channel of catalog.channels)
    for (const m of channel.messages)
      addresses.set(m.messageId, [...(addresses.get(m.messageId) ?? []), channel.address ?? channel.key]);
  const out = new Map<string, ResourceState>();
  for (const m of catalog.messages) {
    const version = text(m.version);
    const mode = messageMode(catalog, m);
    const texts = [...schemaText(m, "payload"), ...schemaText(m, "headers")];
    // Everything a document-level compat rule compares for a message, so a change that only a rule
    // sees (a partition key, a content type, a move to another topic) still starts a new entry.
    const digest = JSON.stringify([
      texts,
      version,
      mode,
      m.name,
      m.contentType,
      m.partitionKey,
      m.bindings,
      m.payload?.schemaFormat,
      (addresses.get(m.id) ?? []).sort(),
    ]);
    out.set(m.id, {
      digest,
      entry: { ...(version !== undefined ? { resourceVersion: version } : {}), mode, texts },
    });
  }
  return out;
}

/** Every service's state: its document's text, and the states of the messages it sends or receives. */
export function serviceStates(
  catalog: Catalog,
  documentText: (service: Service) => string,
  messages: Map<string, ResourceState>,
): Map<string, ResourceState> {
  const operations = new Map(catalog.operations.map((o) => [o.id, o]));
  const out = new Map<string, ResourceState>();
  for (const s of catalog.services) {
    const document = documentText(s);
    const used = [...new Set(s.operationIds.flatMap((id) => operations.get(id)?.messageIds ?? []))].sort();
    const digest = JSON.stringify([document, used.map((id) => messages.get(id)?.digest)]);
    out.set(s.id, {
      digest,
      entry: {
        ...(s.version !== undefined ? { resourceVersion: s.version } : {}),
        texts: [{ label: s.file, text: document }],
      },
    });
  }
  return out;
}

/**
 * One entry per version in which the resource appeared or changed (by digest), oldest first.
 * `states[i]` is the resource's state in version `ids[i]`, undefined when absent there.
 */
export function timeline(
  ids: readonly string[],
  states: readonly (ResourceState | undefined)[],
): CatalogHistoryEntry[] {
  const entries: CatalogHistoryEntry[] = [];
  let last: ResourceState | undefined;
  let present = false;
  states.forEach((state, i) => {
    if (!state) {
      present = false;
      return;
    }
    if (!present || state.digest !== last?.digest)
      entries.push({ version: ids[i] as string, change: present ? "changed" : "added", ...state.entry });
    last = state;
    present = true;
  });
  return entries;
}

/** A timeline this short gets a page for every pair of its entries; a longer one stays linear. */
export const ALL_PAIRS_UP_TO = 5;

/**
 * The pairs of entries (indexes, older first) that get a diff page: every consecutive pair, every
 * entry against the latest, and every pair at all when there are at most {@link ALL_PAIRS_UP_TO}
 * entries. At most 2n − 3 pairs past that, so pages grow linearly with the history.
 */
export function diffPairs(n: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let j = 1; j < n; j++)
    for (let i = 0; i < j; i++) if (n <= ALL_PAIRS_UP_TO || i === j - 1 || j === n - 1) pairs.push([i, j]);
  return pairs;
}
