// What the harness generates messages from: the generated client's contract (topics, CloudEvents
// types, partition keys, consumer groups, dead-letter channels) joined with the catalog it was
// generated from (payload schemas, examples, channel ordering).
import { EventlineError } from "../errors.js";
import { type LoadedCatalog, loadCatalog } from "../model/index.js";
import type { Catalog, Saga } from "../model/types.js";
import {
  type InstancesResult,
  type NearMissResult,
  tryNearMissInstances,
  tryValidInstances,
} from "../schema/index.js";
import type { CatalogSource, GeneratedClient } from "./types.js";

/** A message the service receives, as the harness generates it: where it arrives and its schemas' instances. */
export interface InputMessage {
  name: string;
  topic: string;
  type: string;
  partitionKey?: string;
  groupId: string;
  ordering: "per-key" | "none";
  deadLetter?: { topic: string; maxAttempts: number };
  /** Services that send it to this one (catalog edges). */
  senders: string[];
  /** Payload schema, JSON (inline, `$id`s dropped). */
  schema: unknown;
  valid: InstancesResult;
  nearMiss: NearMissResult;
}

/** A message the service publishes, as its generated client declares it. */
export interface OutputMessage {
  name: string;
  topic: string;
  type: string;
  /** Services that receive it (catalog edges). */
  receivers: string[];
}

/** What the harness read from the catalog for one service: the messages it receives and the topics its groups read. */
export interface ServiceContract {
  service: string;
  inputs: InputMessage[];
  /** Topics the service's groups read. */
  topics: string[];
  /** What the service publishes (empty for a client generated without `sends`). */
  outputs: OutputMessage[];
  /** The sagas its document declares (`x-eventline-saga`); empty when none. */
  sagas: Saga[];
}

const catalogs = new Map<string, Promise<LoadedCatalog>>();

function catalogAt(root: string): Promise<LoadedCatalog> {
  let loaded = catalogs.get(root);
  if (!loaded) {
    loaded = loadCatalog({ cwd: root });
    catalogs.set(root, loaded);
  }
  return loaded;
}

/** The received messages of `client`'s service, with what the catalog says about them. */
export async function loadContract(
  client: GeneratedClient,
  source: CatalogSource = {},
): Promise<ServiceContract> {
  const { catalog } = await catalogAt(source.root ?? process.cwd());
  return contractFrom(client, catalog);
}

export function contractFrom(client: GeneratedClient, catalog: Catalog): ServiceContract {
  const id = client.contract.service;
  const service = catalog.services.find((s) => s.id === id);
  if (!service)
    throw new EventlineError(
      "INPUT_INVALID",
      `the catalog has no service "${id}" (services: ${catalog.services.map((s) => s.id).join(", ") || "none"}); was the client generated from this catalog?`,
    );
  const inputs: InputMessage[] = [];
  for (const group of client.contract.consumers) {
    for (const spec of Object.values(group.messages)) {
      const operation = catalog.operations.find(
        (o) =>
          o.serviceId === id &&
          o.action === "receive" &&
          o.messageIds.some((m) => catalog.messages.find((x) => x.id === m)?.name === spec.message),
      );
      const message = catalog.messages.find(
        (m) => m.name === spec.message && (operation?.messageIds.includes(m.id) ?? true),
      );
      const channel = catalog.channels.find((c) => c.id === operation?.channelId);
      const schema = jsonSchema(message?.payload?.resolved ?? {}, `${id}: ${spec.message} payload`);
      const examples = (message?.examples ?? []).flatMap((e) => (e.payload === undefined ? [] : [e.payload]));
      const input: InputMessage = {
        name: spec.message,
        topic: spec.topic,
        type: spec.type,
        groupId: group.groupId,
        senders: linked(catalog, "consumer", id, spec.message),
        ordering: channel?.ordering === "none" ? "none" : "per-key",
        schema,
        valid: tryValidInstances(schema, { examples }),
        nearMiss: tryNearMissInstances(schema, { examples }),
      };
      if (spec.partitionKey !== undefined) input.partitionKey = spec.partitionKey;
      if (group.deadLetter) input.deadLetter = { ...group.deadLetter };
      inputs.push(input);
    }
  }
  const outputs = Object.values(client.contract.sends ?? {}).map(
    (m): OutputMessage => ({
      name: m.message,
      topic: m.topic,
      type: m.type,
      receivers: linked(catalog, "producer", id, m.message),
    }),
  );
  return {
    service: id,
    inputs,
    topics: [...new Set(inputs.map((i) => i.topic))],
    outputs,
    sagas: service.sagas ?? [],
  };
}

/** The services at the other end of `message`'s edges where `id` is the `side`, sorted. */
function linked(catalog: Catalog, side: "producer" | "consumer", id: string, message: string): string[] {
  const other = side === "producer" ? "consumer" : "producer";
  const ids = catalog.edges.filter((e) => e[side].serviceId === id && e.messageName === message);
  return [...new Set(ids.map((e) => e[other].serviceId))].sort();
}

/** A resolved schema as plain JSON: nested `$id`/`$schema` dropped (one schema file inlined twice would clash). */
function jsonSchema(resolved: unknown, what: string): unknown {
  const seen = new Set<unknown>();
  const copy = (node: unknown, depth: number): unknown => {
    if (Array.isArray(node)) return node.map((v) => copy(v, depth + 1));
    if (node === null || typeof node !== "object") return node;
    if (seen.has(node))
      throw new EventlineError(
        "INPUT_INVALID",
        `${what} is recursive; the harness generates messages from finite schemas`,
      );
    seen.add(node);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if ((k === "$id" || k === "$schema") && depth > 0) continue;
      if (k === "$id") continue;
      out[k] = copy(v, depth + 1);
    }
    seen.delete(node);
    return out;
  };
  return copy(resolved, 0);
}
