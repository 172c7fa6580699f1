import { channel, catalog, href, message, paths, service } from "./catalog";
import { graphSvg, type GraphEdge, type GraphNode } from "./graph";
import type { CatalogChannel, CatalogJson } from "./types";

/**
 * The graph around one resource: services → topics → services, limited to what touches it. `from`
 * is the page the graph is drawn on (links are relative to it).
 */
export async function neighbourhood(
  from: string,
  focus: { serviceId?: string; topic?: string; messageId?: string },
  title: string,
): Promise<string> {
  const idx = indexOf(catalog());
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const topicOfChannel = (id: string) => idx.topicOfChannel.get(id) ?? id;
  // A topic links to the focused service's own channel on it when there is one.
  const channelOfTopic = (topic: string) => {
    const list = idx.channelsByTopic.get(topic) ?? [];
    return list.findLast((c) => c.serviceId === focus.serviceId) ?? list[0];
  };
  const addService = (id: string) => {
    const s = service(id);
    if (!nodes.has(`s:${id}`))
      nodes.set(`s:${id}`, {
        id: `s:${id}`,
        label: s?.title ?? id,
        kind: "service",
        ...(s ? { href: href(from, paths.service(s)) } : {}),
        current: id === focus.serviceId && !focus.topic && !focus.messageId,
      });
  };
  const addTopic = (topic: string) => {
    const c = channelOfTopic(topic);
    if (!nodes.has(`t:${topic}`))
      nodes.set(`t:${topic}`, {
        id: `t:${topic}`,
        label: topic,
        kind: "topic",
        ...(c ? { href: href(from, paths.channel(c)) } : {}),
        current: topic === focus.topic,
      });
  };
  // Only the operations that can touch the focus, in catalog order (the layout depends on it).
  const candidates = new Set<number>();
  const addAll = (list: number[] | undefined) => {
    for (const i of list ?? []) candidates.add(i);
  };
  if (focus.serviceId !== undefined) addAll(idx.opsByService.get(focus.serviceId));
  if (focus.topic !== undefined) addAll(idx.opsByTopic.get(focus.topic));
  if (focus.messageId !== undefined) addAll(idx.opsByMessage.get(focus.messageId));
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const op = idx.operations[i]!;
    const topic = topicOfChannel(op.channelId);
    const touches =
      (focus.serviceId !== undefined && op.serviceId === focus.serviceId && !focus.messageId && !focus.topic) ||
      (focus.topic !== undefined && topic === focus.topic) ||
      (focus.messageId !== undefined && op.messageIds.includes(focus.messageId));
    if (!touches) continue;
    addService(op.serviceId);
    addTopic(topic);
    edges.push(op.action === "send" ? { from: `s:${op.serviceId}`, to: `t:${topic}` } : { from: `t:${topic}`, to: `s:${op.serviceId}` });
  }
  if (focus.messageId !== undefined) {
    // The consumers of a message may hold their own copy of it: follow the producer → consumer edges.
    const m = message(focus.messageId);
    for (const e of idx.edgesByMessage.get(focus.messageId) ?? []) {
      const topic = topicOfChannel(e.consumerChannelId);
      addService(e.producer);
      addService(e.consumer);
      addTopic(topic);
      edges.push({ from: `s:${e.producer}`, to: `t:${topic}` }, { from: `t:${topic}`, to: `s:${e.consumer}` });
    }
    if (m && nodes.size === 0) return "";
  }
  return graphSvg([...nodes.values()], edges, title);
}

interface Index {
  operations: CatalogJson["operations"];
  topicOfChannel: Map<string, string>;
  channelsByTopic: Map<string, CatalogChannel[]>;
  opsByService: Map<string, number[]>;
  opsByTopic: Map<string, number[]>;
  opsByMessage: Map<string, number[]>;
  edgesByMessage: Map<string, CatalogJson["edges"]>;
}

// Built once per catalog: every resource page draws its neighbourhood, and a scan of the whole
// catalog per page would make the build quadratic in its size.
let indexed: { json: CatalogJson; index: Index } | undefined;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexOf(json: CatalogJson): Index {
  if (indexed?.json === json) return indexed.index;
  const index: Index = {
    operations: json.operations,
    topicOfChannel: new Map(json.channels.map((c) => [c.id, c.topic ?? c.address ?? c.key])),
    channelsByTopic: new Map(),
    opsByService: new Map(),
    opsByTopic: new Map(),
    opsByMessage: new Map(),
    edgesByMessage: new Map(),
  };
  for (const c of json.channels) push(index.channelsByTopic, c.topic ?? c.address ?? c.key, c);
  for (const [i, op] of json.operations.entries()) {
    push(index.opsByService, op.serviceId, i);
    push(index.opsByTopic, index.topicOfChannel.get(op.channelId) ?? op.channelId, i);
    for (const m of new Set(op.messageIds)) push(index.opsByMessage, m, i);
  }
  for (const e of json.edges) push(index.edgesByMessage, e.messageId, e);
  indexed = { json, index };
  return index;
}

/** Past this many topics the platform graph shows services only: a node per topic would be unreadable and heavy. */
export const MAX_PLATFORM_TOPICS = 120;

/** The whole platform: every service and topic, or, for a large catalog, services and who feeds whom. */
export async function platformGraph(from: string): Promise<{ svg: string; topics: boolean }> {
  const site = catalog();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const topics = new Map<string, string>();
  for (const c of site.channels) {
    const t = c.topic ?? c.address ?? c.key;
    if (!topics.has(t)) topics.set(t, c.id);
  }
  if (topics.size > MAX_PLATFORM_TOPICS) {
    for (const s of site.services) nodes.push({ id: `s:${s.id}`, label: s.title, kind: "service", href: href(from, paths.service(s)) });
    for (const e of site.edges) edges.push({ from: `s:${e.producer}`, to: `s:${e.consumer}` });
    return { svg: await graphSvg(nodes, edges, "Platform: which services send messages to which"), topics: false };
  }
  for (const s of site.services) nodes.push({ id: `s:${s.id}`, label: s.title, kind: "service", href: href(from, paths.service(s)) });
  for (const [t, id] of topics) {
    const c = channel(id)!;
    nodes.push({ id: `t:${t}`, label: t, kind: "topic", href: href(from, paths.channel(c)) });
  }
  for (const op of site.operations) {
    const c = channel(op.channelId);
    const t = c ? (c.topic ?? c.address ?? c.key) : op.channelId;
    edges.push(op.action === "send" ? { from: `s:${op.serviceId}`, to: `t:${t}` } : { from: `t:${t}`, to: `s:${op.serviceId}` });
  }
  return {
    svg: await graphSvg(nodes, edges, "Platform: services, the topics they send to and the services that receive them"),
    topics: true,
  };
}
