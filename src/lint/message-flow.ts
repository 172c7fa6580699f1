import type { Catalog, Message, Operation } from "../model/types.js";
import { lookup, nodes } from "./lookup.js";

/** One message as one operation moves it over one address (the Kafka topic). */
export interface Flow {
  address: string;
  message: Message;
  operation: Operation;
}

/**
 * The send or receive flows of a catalog. Services are linked by address and message name, not by
 * message id: a consumer usually declares its own copy of the producer's message.
 */
export function flows(catalog: Catalog, action: "send" | "receive"): Flow[] {
  const find = lookup(catalog);
  const out: Flow[] = [];
  for (const operation of nodes(catalog.operations)) {
    if (operation.action !== action) continue;
    const address = find.channel(operation.channelId)?.address;
    // A dynamic address (null) cannot be matched with anything, so it is not judged either way.
    if (typeof address !== "string") continue;
    for (const message of find.messagesOf(operation)) out.push({ address, message, operation });
  }
  return out;
}

export function flowKey(address: string, messageName: unknown): string {
  return `${address}\0${String(messageName)}`;
}

/** Flows of `action` whose address and message name no flow of the other action has; one per message and address. */
export function unmatchedFlows(catalog: Catalog, action: "send" | "receive"): Flow[] {
  const other = new Set(
    flows(catalog, action === "send" ? "receive" : "send").map((f) => flowKey(f.address, f.message.name)),
  );
  const reported = new Set<string>();
  return flows(catalog, action).filter((f) => {
    if (other.has(flowKey(f.address, f.message.name))) return false;
    const once = `${f.message.id}\0${f.address}`;
    if (reported.has(once)) return false;
    reported.add(once);
    return true;
  });
}
