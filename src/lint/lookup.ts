import type { Catalog, Channel, Message, Operation, Service } from "../model/types.js";

/** Id lookups shared by the rules of one run; built once per catalog, not once per rule. */
export interface CatalogLookup {
  message(id: unknown): Message | undefined;
  channel(id: unknown): Channel | undefined;
  service(id: unknown): Service | undefined;
  /** The messages an operation lists that exist in the catalog, in order. */
  messagesOf(operation: Operation): Message[];
  /** Channels of one service by channel key. */
  channelByKey(serviceId: unknown, key: unknown): Channel | undefined;
}

const memo = new WeakMap<Catalog, CatalogLookup>();

export function lookup(catalog: Catalog): CatalogLookup {
  let found = memo.get(catalog);
  if (!found) {
    found = build(catalog);
    memo.set(catalog, found);
  }
  return found;
}

function build(catalog: Catalog): CatalogLookup {
  const messages = byId(catalog.messages);
  const channels = byId(catalog.channels);
  const services = byId(catalog.services);
  const keyed = new Map<string, Channel>();
  for (const channel of nodes(catalog.channels)) {
    keyed.set(`${String(channel.serviceId)}\0${String(channel.key)}`, channel);
  }
  return {
    message: (id) => (typeof id === "string" ? messages.get(id) : undefined),
    channel: (id) => (typeof id === "string" ? channels.get(id) : undefined),
    service: (id) => (typeof id === "string" ? services.get(id) : undefined),
    messagesOf: (operation) =>
      list(operation.messageIds).flatMap((id) => {
        const m = typeof id === "string" ? messages.get(id) : undefined;
        return m ? [m] : [];
      }),
    channelByKey: (serviceId, key) =>
      typeof key === "string" ? keyed.get(`${String(serviceId)}\0${key}`) : undefined,
  };
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  const map = new Map<string, T>();
  // The first definition wins, matching how the loader merges shared messages.
  for (const item of nodes(items)) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/** Model arrays are always arrays when the loader built them; rules also run on hand-made catalogs. */
export function list<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** Like `list`, for arrays of model nodes: a hand-made catalog may hold a stray null. */
export function nodes<T extends object>(value: readonly T[] | undefined | null): readonly T[] {
  return list(value).filter((v) => v !== null && typeof v === "object");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A value as it would read in a message: `"1.0" (a string)`, `-1 (a number)`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `${JSON.stringify(truncate(value))} (a string)`;
  return `${String(value)} (a ${typeof value})`;
}

/** A string quoted as written, anything else described: `"/orderId"`, `42 (a number)`. */
export function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(truncate(value)) : describeValue(value);
}

export function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** How a channel is named in messages: its address (the topic), else its key. */
export function channelLabel(channel: Channel): string {
  return typeof channel.address === "string" ? channel.address : String(channel.key);
}

/** How an operation is named in messages: `orders/receivePayments` reads as "service/operation key". */
export function operationLabel(operation: Operation): string {
  return typeof operation.id === "string" ? operation.id : String(operation.key);
}
