// What one service's generated client contains, read off the catalog model: the messages it sends
// (one publish method each) and what its consumer groups read (per group and topic, with the receive
// operations' settings; the client runs one consumer per group over all of them, routing by topic and
// CloudEvents type), with the names every generated symbol will have.
import { join } from "node:path";
import { EventlineError } from "../errors.js";
import type { Catalog, Channel, Message, Operation, SchemaRef, Service } from "../model/types.js";
import { decycle } from "../schema/decycle.js";
import type { BundleRoot } from "./bundle.js";
import { assignUniqueNames, memberName, pascalIdentifier } from "./names.js";

export interface PlannedMessage {
  /** Member name in `publish.*` / `consume.*` and the runtime's message name. */
  member: string;
  /** The AsyncAPI message name. */
  messageName: string;
  messageId: string;
  topic: string;
  /** CloudEvents `type`. */
  type: string;
  partitionKey?: string;
  /** Receive side: the operation's `x-eventline-idempotency-key`. */
  idempotencyKey?: string;
  contentType?: string;
  summary?: string;
  description?: string;
  /** Bundle root keys; the type names come from the bundle. */
  payloadRoot?: string;
  headersRoot?: string;
  /** Where the message is defined (for diagnostics and doc comments). */
  file: string;
  line: number;
}

/** One topic one consumer group reads: the receive operations on it, their messages and settings. */
export interface PlannedConsumer {
  groupId: string;
  topic: string;
  operations: string[];
  messages: PlannedMessage[];
  deadLetter?: { topic: string; maxAttempts: number };
  /**
   * CloudEvents types other services' contracts declare on this topic that this group does not
   * receive: the consumer skips them rather than dead-lettering them as unknown.
   */
  ignoreTypes: string[];
}

export interface ServicePlan {
  service: Service;
  /** Client factory name, e.g. `createOrdersClient`. */
  factory: string;
  /** Default CloudEvents source, `/services/<id>`. */
  source: string;
  sends: PlannedMessage[];
  consumers: PlannedConsumer[];
  roots: BundleRoot[];
  /** Schemas that exist only in memory (converted from another schema format), by pseudo path. */
  virtualFiles: Map<string, unknown>;
}

function at(catalog: Catalog, file: string) {
  return join(catalog.root, file);
}

function planError(file: string, line: number, message: string): EventlineError {
  return new EventlineError("INPUT_INVALID", `${file}:${line}: ${message}`, { file, line });
}

function headerConst(headers: SchemaRef | undefined): string | undefined {
  const resolved = headers?.resolved as {
    properties?: Record<string, { const?: unknown; enum?: unknown[] }>;
  };
  const ce = resolved?.properties?.ce_type;
  if (typeof ce?.const === "string") return ce.const;
  if (Array.isArray(ce?.enum) && ce.enum.length === 1 && typeof ce.enum[0] === "string") return ce.enum[0];
  return undefined;
}

/**
 * The CloudEvents type producer and consumer agree on: the headers schema's `ce_type` constant, else
 * the `ce_type` of the message's first example, else `<defining service>.<name>.v<major>`. All three
 * come from the message definition, which producer and consumer share.
 */
interface CatalogIndex {
  channels: Map<string, Channel>;
  messages: Map<string, Message>;
  operationsOf: Map<string, Operation[]>;
  serviceOfFile: Map<string, string>;
}

// The model is immutable once loaded: one index per catalog, so that planning every service (the
// catalog site does) costs one pass over the catalog instead of one per service.
const indexes = new WeakMap<Catalog, CatalogIndex>();

function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    const operationsOf = new Map<string, Operation[]>();
    for (const o of catalog.operations) {
      const list = operationsOf.get(o.serviceId);
      if (list) list.push(o);
      else operationsOf.set(o.serviceId, [o]);
    }
    const serviceOfFile = new Map<string, string>();
    for (const s of catalog.services) if (!serviceOfFile.has(s.file)) serviceOfFile.set(s.file, s.id);
    index = {
      channels: new Map(catalog.channels.map((c) => [c.id, c])),
      messages: new Map(catalog.messages.map((m) => [m.id, m])),
      operationsOf,
      serviceOfFile,
    };
    indexes.set(catalog, index);
  }
  return index;
}

export function cloudEventsType(catalog: Catalog, message: Message): string {
  const fromSchema = headerConst(message.headers);
  if (fromSchema) return fromSchema;
  for (const example of message.examples) {
    const ce = (example.headers as Record<string, unknown> | undefined)?.ce_type;
    if (typeof ce === "string" && ce !== "") return ce;
  }
  const owner = indexOf(catalog).serviceOfFile.get(message.source.file) ?? "eventline";
  return `${owner}.${message.name}.v${message.major ?? 1}`;
}

function schemaRoot(catalog: Catalog, key: string, names: string[], ref: SchemaRef): BundleRoot {
  return {
    key,
    names,
    schema: ref.raw,
    file: at(catalog, ref.source.file),
    pointer: ref.source.pointer,
  };
}

function isJsonSchema(ref: SchemaRef): boolean {
  const format = ref.schemaFormat;
  return (
    format === undefined ||
    /^application\/(schema\+json|schema\+yaml|vnd\.aai\.asyncapi(\+json|\+yaml)?)/.test(format) ||
    format.startsWith("application/schema;")
  );
}

export function planService(catalog: Catalog, service: Service): ServicePlan {
  const { channels, messages, operationsOf } = indexOf(catalog);
  const operations = operationsOf.get(service.id) ?? [];
  const roots = new Map<string, BundleRoot>();
  const virtualFiles = new Map<string, unknown>();

  const plan = (operation: Operation, message: Message): PlannedMessage => {
    const channel = channels.get(operation.channelId);
    const topic = channel?.topic ?? channel?.address;
    if (!channel || !topic) {
      throw planError(
        operation.source.file,
        operation.source.line,
        `operation ${operation.key} has no channel address (a dynamic address cannot be generated)`,
      );
    }
    const planned: PlannedMessage = {
      member: message.name,
      messageName: message.name,
      messageId: message.id,
      topic,
      type: cloudEventsType(catalog, message),
      file: message.source.file,
      line: message.source.line,
    };
    if (typeof message.partitionKey === "string") planned.partitionKey = message.partitionKey;
    if (message.contentType) planned.contentType = message.contentType;
    if (message.summary) planned.summary = message.summary;
    if (message.description) planned.description = message.description;
    const base = pascalIdentifier(message.name);
    for (const [part, ref] of [
      ["payload", message.payload],
      ["headers", message.headers],
    ] as const) {
      if (!ref) continue;
      if (!isJsonSchema(ref)) {
        // Avro, RAML, … : the parser converted them; the conversion is the schema we type and validate.
        const key = `${part}:${message.id}`;
        const file = `${at(catalog, ref.source.file)}.converted${ref.source.pointer.replace(/\//g, ".")}.json`;
        virtualFiles.set(file, decycle(ref.resolved));
        roots.set(key, {
          key,
          names: part === "payload" ? [base, `${base}Payload`] : [`${base}Headers`],
          schema: virtualFiles.get(file),
          file,
          pointer: "",
        });
        if (part === "payload") planned.payloadRoot = key;
        else planned.headersRoot = key;
        continue;
      }
      const key = `${part}:${message.id}`;
      roots.set(
        key,
        schemaRoot(catalog, key, part === "payload" ? [base, `${base}Payload`] : [`${base}Headers`], ref),
      );
      if (part === "payload") planned.payloadRoot = key;
      else planned.headersRoot = key;
    }
    return planned;
  };

  const sendsById = new Map<string, PlannedMessage>();
  const groups = new Map<string, PlannedConsumer>();
  const sorted = [...operations].sort((a, b) => a.key.localeCompare(b.key));
  for (const operation of sorted) {
    for (const messageId of operation.messageIds) {
      const message = messages.get(messageId);
      if (!message) continue;
      if (operation.action === "send") {
        if (!sendsById.has(messageId)) sendsById.set(messageId, plan(operation, message));
        continue;
      }
      const planned = plan(operation, message);
      const groupId = operation.groupId ?? service.id;
      const id = `${groupId}\u0000${planned.topic}`;
      let group = groups.get(id);
      if (!group) {
        group = { groupId, topic: planned.topic, operations: [], messages: [], ignoreTypes: [] };
        groups.set(id, group);
      }
      if (!group.operations.includes(operation.key)) group.operations.push(operation.key);
      if (typeof operation.idempotencyKey === "string") planned.idempotencyKey = operation.idempotencyKey;
      if (!group.messages.some((m) => m.messageId === messageId)) group.messages.push(planned);
      applyOperationSettings(catalog, service, operation, group);
    }
  }

  const typesOnTopic = new Map<string, Set<string>>();
  for (const channel of catalog.channels) {
    const topic = channel.topic ?? channel.address;
    if (!topic) continue;
    const set = typesOnTopic.get(topic) ?? new Set<string>();
    for (const ref of channel.messages) {
      const message = messages.get(ref.messageId);
      if (message) set.add(cloudEventsType(catalog, message));
    }
    typesOnTopic.set(topic, set);
  }
  for (const group of groups.values()) {
    const received = new Set(group.messages.map((m) => m.type));
    group.ignoreTypes = [...(typesOnTopic.get(group.topic) ?? [])].filter((t) => !received.has(t)).sort();
  }

  const sends = [...sendsById.values()];
  const receives = [...groups.values()].flatMap((g) => g.messages);
  // Member names are unique per side; two different messages with one name get the channel's topic added.
  for (const side of [sends, receives]) {
    const names = assignUniqueNames(
      side.map((m) => ({
        key: `${m.messageId}\u0000${m.topic}`,
        candidates: [memberName(m.messageName), pascalIdentifier(`${m.messageName} ${m.topic}`)],
      })),
    );
    for (const m of side) m.member = names.get(`${m.messageId}\u0000${m.topic}`)!;
  }

  return {
    service,
    factory: `create${pascalIdentifier(service.id)}Client`,
    source: `/services/${service.id}`,
    sends,
    consumers: [...groups.values()].sort((a, b) =>
      `${a.groupId} ${a.topic}`.localeCompare(`${b.groupId} ${b.topic}`),
    ),
    roots: [...roots.values()],
    virtualFiles,
  };
}

function applyOperationSettings(
  catalog: Catalog,
  service: Service,
  operation: Operation,
  group: PlannedConsumer,
) {
  const where = (detail: string) => planError(operation.source.file, operation.source.line, detail);
  const dl = operation.deadLetter;
  if (!dl) return;
  const channel = catalog.channels.find((c) => c.serviceId === service.id && c.key === dl.channel);
  const topic = channel?.topic ?? channel?.address;
  if (!topic)
    throw where(
      `x-eventline-dead-letter names channel "${String(dl.channel)}", which this document does not declare`,
    );
  const maxAttempts = typeof dl.maxAttempts === "number" ? dl.maxAttempts : 1;
  if (
    group.deadLetter &&
    (group.deadLetter.topic !== topic || group.deadLetter.maxAttempts !== maxAttempts)
  ) {
    throw where(
      `operations ${group.operations.join(", ")} share group ${group.groupId} on ${group.topic} but declare different dead-letter settings`,
    );
  }
  group.deadLetter = { topic, maxAttempts };
}
