import { channel, catalog, href, message, paths, service } from "./catalog";
import { graphSvg, type GraphEdge, type GraphNode } from "./graph";

/**
 * The graph around one resource: services → topics → services, limited to what touches it. `from`
 * is the page the graph is drawn on (links are relative to it).
 */
export async function neighbourhood(
  from: string,
  focus: { serviceId?: string; topic?: string; messageId?: string },
  title: string,
): Promise<string> {
  const site = catalog();
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const topicOfChannel = (id: string) => {
    const c = channel(id);
    return c ? (c.topic ?? c.address ?? c.key) : id;
  };
  const topicChannel = new Map<string, string>();
  for (const c of site.channels) {
    const t = c.topic ?? c.address ?? c.key;
    if (!topicChannel.has(t) || c.serviceId === focus.serviceId) topicChannel.set(t, c.id);
  }
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
    const c = channel(topicChannel.get(topic) ?? "");
    if (!nodes.has(`t:${topic}`))
      nodes.set(`t:${topic}`, {
        id: `t:${topic}`,
        label: topic,
        kind: "topic",
        ...(c ? { href: href(from, paths.channel(c)) } : {}),
        current: topic === focus.topic,
      });
  };
  for (const op of site.operations) {
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
    for (const e of site.edges.filter((e) => e.messageId === focus.messageId)) {
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
