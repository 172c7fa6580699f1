import type { Channel, Edge, Message, Operation } from "./types.js";

/** Producer → consumer edges: a send and a receive of the same message name on the same address. */
export function linkEdges(
  channels: readonly Channel[],
  messages: readonly Message[],
  operations: readonly Operation[],
): Edge[] {
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const messageById = new Map(messages.map((m) => [m.id, m]));
  type End = { serviceId: string; operationId: string; messageId: string };
  const receivers = new Map<string, End[]>();
  const ends = (action: Operation["action"]) =>
    operations
      .filter((o) => o.action === action)
      .flatMap((o) => {
        const address = channelById.get(o.channelId)?.address;
        if (address === null || address === undefined) return [];
        return o.messageIds.flatMap((id) => {
          const m = messageById.get(id);
          return m
            ? [
                {
                  key: `${address}\0${m.name}`,
                  address,
                  name: m.name,
                  end: { serviceId: o.serviceId, operationId: o.id, messageId: id },
                },
              ]
            : [];
        });
      });
  for (const r of ends("receive")) {
    const list = receivers.get(r.key) ?? [];
    list.push(r.end);
    receivers.set(r.key, list);
  }
  const edges: Edge[] = [];
  for (const p of ends("send")) {
    for (const consumer of receivers.get(p.key) ?? []) {
      edges.push({ address: p.address, messageName: p.name, producer: p.end, consumer });
    }
  }
  return edges.sort(
    (a, b) =>
      a.address.localeCompare(b.address) ||
      a.messageName.localeCompare(b.messageName) ||
      a.producer.operationId.localeCompare(b.producer.operationId) ||
      a.consumer.operationId.localeCompare(b.consumer.operationId),
  );
}
