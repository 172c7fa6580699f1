// Diff first (Buf): old and new elements are paired by stable keys here, once; rules only ever look
// at one pair and never walk the catalogs themselves.
import type { Action, Catalog, Channel, Operation, Service } from "../../model/types.js";
import type { MessageUse } from "./types.js";

export interface Matched<T> {
  old: T;
  new: T;
}

export interface OperationMatch extends Matched<Operation> {
  oldChannel?: Channel;
  newChannel?: Channel;
}

export interface CatalogMatch {
  services: { matched: Matched<Service>[]; added: Service[]; removed: Service[] };
  /** By (service id, channel key); `addressChanged` when the same key now names another address. */
  channels: {
    matched: (Matched<Channel> & { addressChanged: boolean })[];
    added: Channel[];
    removed: Channel[];
  };
  /** By (service id, operation key); 2.x operations without operationId are re-paired across a publish/subscribe flip. */
  operations: { matched: OperationMatch[]; added: Operation[]; removed: Operation[] };
  /** By (service id, channel address, message name), within matched channels (so they survive an address change). */
  messages: { matched: Matched<MessageUse>[]; added: MessageUse[]; removed: MessageUse[] };
}

/** Pairs the elements of two catalogs. Every list is in a deterministic order (by key). */
export function matchCatalogs(oldCatalog: Catalog, newCatalog: Catalog): CatalogMatch {
  const services = matchBy(oldCatalog.services, newCatalog.services, (s) => s.id);
  const channelKey = (c: Channel) => `${c.serviceId}\u0000${c.key}`;
  const ch = matchBy(oldCatalog.channels, newCatalog.channels, channelKey);
  const channels = {
    matched: ch.matched.map((m) => ({ ...m, addressChanged: m.old.address !== m.new.address })),
    added: ch.added,
    removed: ch.removed,
  };

  const oldChannels = byId(oldCatalog.channels);
  const newChannels = byId(newCatalog.channels);
  const ops = matchBy(oldCatalog.operations, newCatalog.operations, (o) => `${o.serviceId}\u0000${o.key}`);
  pairFlippedV2(ops, oldChannels, newChannels);
  const operations = {
    matched: ops.matched.map((m) => withChannels(m, oldChannels, newChannels)),
    added: ops.added,
    removed: ops.removed,
  };

  const oldUses = messageUses(oldCatalog);
  const newUses = messageUses(newCatalog);
  const messages: CatalogMatch["messages"] = { matched: [], added: [], removed: [] };
  const useKey = (u: MessageUse) => `${u.serviceId}\u0000${u.channel.key}\u0000${u.message.name}`;
  const newByKey = new Map(newUses.map((u) => [useKey(u), u]));
  const oldKeys = new Set(oldUses.map(useKey));
  const matchedChannel = new Set(channels.matched.map((m) => channelKey(m.old)));
  for (const u of oldUses) {
    const n = newByKey.get(useKey(u));
    if (n && matchedChannel.has(channelKey(u.channel))) messages.matched.push({ old: u, new: n });
    else if (matchedChannel.has(channelKey(u.channel))) messages.removed.push(u);
  }
  for (const u of newUses)
    if (!oldKeys.has(useKey(u)) && matchedChannel.has(channelKey(u.channel))) messages.added.push(u);

  return { services, channels, operations, messages };
}

/**
 * Every (service, channel, message name) of a catalog, with the roles the service plays. First
 * listing of a name on a channel wins, so duplicates cannot make the output depend on input order.
 */
export function messageUses(catalog: Catalog): MessageUse[] {
  // Catalogs are immutable, and rules ask for the uses of the same catalog again and again.
  const known = usesCache.get(catalog);
  if (known) return known;
  const messages = byId(catalog.messages);
  const opsByChannel = new Map<string, Operation[]>();
  for (const o of catalog.operations)
    opsByChannel.set(o.channelId, [...(opsByChannel.get(o.channelId) ?? []), o]);
  const out: MessageUse[] = [];
  usesCache.set(catalog, out);
  for (const channel of sortedBy(catalog.channels, (c) => c.id)) {
    const ops = opsByChannel.get(channel.id) ?? [];
    const seen = new Set<string>();
    const ids = [...channel.messages.map((m) => m.messageId), ...ops.flatMap((o) => o.messageIds)];
    for (const id of ids) {
      const message = messages.get(id);
      if (!message || typeof message.name !== "string" || seen.has(message.name)) continue;
      seen.add(message.name);
      const using = ops.filter((o) => o.messageIds.some((mid) => messages.get(mid)?.name === message.name));
      const roles = [...new Set(using.map((o) => o.action))].sort() as Action[];
      out.push({
        serviceId: channel.serviceId,
        channel,
        address: channel.address ?? channel.key,
        message,
        roles,
        operations: using,
      });
    }
  }
  return out;
}

/** Names of the messages an operation lists, in order, without repeats. */
export function messageNamesOf(op: Operation, catalog: Catalog): string[] {
  const messages = byId(catalog.messages);
  const names = op.messageIds.map((id) => messages.get(id)?.name).filter((n) => typeof n === "string");
  return [...new Set(names)];
}

const usesCache = new WeakMap<Catalog, MessageUse[]>();
const idCache = new WeakMap<readonly { id: string }[], Map<string, unknown>>();

/** First item per id; memoised per (immutable) array. */
export function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const known = idCache.get(items);
  if (known) return known as Map<string, T>;
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  idCache.set(items, map);
  return map;
}

function matchBy<T>(
  oldItems: readonly T[],
  newItems: readonly T[],
  key: (item: T) => string,
): { matched: Matched<T>[]; added: T[]; removed: T[] } {
  const newByKey = new Map<string, T>();
  for (const item of newItems) if (!newByKey.has(key(item))) newByKey.set(key(item), item);
  const oldKeys = new Set<string>();
  const matched: Matched<T>[] = [];
  const removed: T[] = [];
  for (const item of sortedBy(oldItems, key)) {
    const k = key(item);
    if (oldKeys.has(k)) continue;
    oldKeys.add(k);
    const n = newByKey.get(k);
    if (n !== undefined) matched.push({ old: item, new: n });
    else removed.push(item);
  }
  const added = sortedBy(newItems, key).filter((item) => !oldKeys.has(key(item)));
  return { matched, added, removed };
}

/**
 * A 2.x operation without operationId is keyed `<address>/<publish|subscribe>`, so flipping its verb
 * changes its key: pair such leftovers (same service and channel, other verb) instead of reporting a
 * removal and an addition.
 */
function pairFlippedV2(
  ops: { matched: Matched<Operation>[]; added: Operation[]; removed: Operation[] },
  oldChannels: Map<string, Channel>,
  newChannels: Map<string, Channel>,
): void {
  const verb = /\/(publish|subscribe)$/;
  for (const o of [...ops.removed]) {
    if (!verb.test(o.key)) continue;
    const ch = oldChannels.get(o.channelId);
    const candidates = ops.added.filter(
      (n) =>
        n.serviceId === o.serviceId &&
        verb.test(n.key) &&
        n.action !== o.action &&
        newChannels.get(n.channelId)?.key === ch?.key,
    );
    const [n] = candidates;
    if (candidates.length !== 1 || n === undefined) continue;
    ops.matched.push({ old: o, new: n });
    ops.removed.splice(ops.removed.indexOf(o), 1);
    ops.added.splice(ops.added.indexOf(n), 1);
  }
  ops.matched.sort((a, b) =>
    cmp(`${a.old.serviceId}\u0000${a.old.key}`, `${b.old.serviceId}\u0000${b.old.key}`),
  );
}

function withChannels(
  m: Matched<Operation>,
  oldChannels: Map<string, Channel>,
  newChannels: Map<string, Channel>,
): OperationMatch {
  const out: OperationMatch = { ...m };
  const oc = oldChannels.get(m.old.channelId);
  const nc = newChannels.get(m.new.channelId);
  if (oc) out.oldChannel = oc;
  if (nc) out.newChannel = nc;
  return out;
}

export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => cmp(key(a), key(b)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
