// Builds Catalog objects directly, so lint tests do not depend on the document loader.
import type {
  Catalog,
  Channel,
  DeadLetter,
  Message,
  MessageExample,
  Operation,
  SchemaRef,
  Server,
  Service,
  SourceLocation,
} from "../../src/model/types.js";

export const ROOT = "/project";

export function fileOf(serviceId: string): string {
  return `asyncapi/${serviceId}.yaml`;
}

function esc(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Fake but distinct positions: line numbers follow the pointer so that two nodes rarely share one. */
export function loc(file: string, pointer: string): SourceLocation {
  return { file, pointer, line: 1 + pointer.split("/").length * 3, column: 1 + (pointer.length % 7) };
}

export function schemaRef(resolved: unknown, source: SourceLocation, schemaFormat?: string): SchemaRef {
  const ref: SchemaRef = { raw: resolved, resolved, source, definition: source };
  if (schemaFormat !== undefined) ref.schemaFormat = schemaFormat;
  return ref;
}

export type MessageInit = Partial<Omit<Message, "payload" | "headers" | "examples">> & {
  /** The resolved payload schema; `null` leaves the message without a payload. */
  payload?: unknown;
  headers?: unknown;
  payloadFormat?: string;
  examples?: Omit<MessageExample, "source">[];
  /** Service whose document defines the message. */
  service?: string;
};

export function message(name: string, init: MessageInit = {}): Message {
  const { payload, headers, payloadFormat, examples, service = "orders", ...rest } = init;
  const file = fileOf(service);
  const pointer = `/components/messages/${esc(name)}`;
  const m: Message = {
    id: `${file}#${pointer}`,
    name,
    examples: (examples ?? []).map((e, i) => ({ ...e, source: loc(file, `${pointer}/examples/${i}`) })),
    tags: [],
    bindings: {},
    source: loc(file, pointer),
    extensions: {},
    ...rest,
  };
  if (payload !== undefined && payload !== null) {
    m.payload = schemaRef(payload, loc(file, `${pointer}/payload`), payloadFormat);
  }
  if (headers !== undefined && headers !== null)
    m.headers = schemaRef(headers, loc(file, `${pointer}/headers`));
  return m;
}

export type ChannelInit = Partial<Omit<Channel, "messages">> & { messages?: Message[]; service?: string };

export function channel(key: string, init: ChannelInit = {}): Channel {
  const { messages = [], service = "orders", ...rest } = init;
  return {
    id: `${service}/${key}`,
    serviceId: service,
    key,
    address: key,
    bindings: { kafka: { topic: key } },
    topic: key,
    messages: messages.map((m) => ({ key: m.name, messageId: m.id })),
    source: loc(fileOf(service), `/channels/${esc(key)}`),
    extensions: {},
    ...rest,
  };
}

export type OperationInit = Partial<Omit<Operation, "deadLetter">> & {
  /** `raw` defaults to an object holding `channel` and `maxAttempts`, as the loader would see them. */
  deadLetter?: Omit<DeadLetter, "source" | "raw"> & { raw?: unknown };
  /** Builds a 3.x `reply` with these messages (and sets `hasReply`). */
  replyMessages?: Message[];
  /** The reply's channel, with `replyMessages`. */
  replyChannel?: Channel;
};

export function operation(
  key: string,
  action: "send" | "receive",
  on: Channel,
  messages: Message[],
  init: OperationInit = {},
): Operation {
  const { deadLetter, replyMessages, replyChannel, ...rest } = init;
  const file = fileOf(on.serviceId);
  const pointer = `/operations/${esc(key)}`;
  const op: Operation = {
    id: `${on.serviceId}/${key}`,
    serviceId: on.serviceId,
    key,
    action,
    channelId: on.id,
    messageIds: messages.map((m) => m.id),
    hasReply: replyMessages !== undefined,
    bindings: {},
    source: loc(file, pointer),
    extensions: {},
    ...rest,
  };
  if (deadLetter) {
    const { raw, ...fields } = deadLetter;
    op.deadLetter = {
      raw: "raw" in deadLetter ? raw : { ...fields },
      ...fields,
      source: loc(file, `${pointer}/x-eventline-dead-letter`),
    };
  }
  if (replyMessages) {
    op.reply = { messageIds: replyMessages.map((m) => m.id), source: loc(file, `${pointer}/reply`) };
    if (replyChannel) op.reply.channelId = replyChannel.id;
  }
  return op;
}

export function server(service: string, key: string, protocol?: string): Server {
  const s: Server = { key, host: "localhost:9092", source: loc(fileOf(service), `/servers/${esc(key)}`) };
  if (protocol !== undefined) s.protocol = protocol;
  return s;
}

export function service(id: string, init: Partial<Service> = {}): Service {
  return {
    id,
    title: `${id} service`,
    asyncapi: "3.0.0",
    file: fileOf(id),
    servers: [server(id, "production", "kafka")],
    channelIds: [],
    operationIds: [],
    tags: [],
    source: loc(fileOf(id), ""),
    extensions: {},
    ...init,
  };
}

export interface CatalogParts {
  services?: Service[];
  channels?: Channel[];
  messages?: Message[];
  operations?: Operation[];
}

/** Assembles a catalog, creating a plain Kafka service for every service id a part mentions. */
export function catalog(parts: CatalogParts = {}): Catalog {
  const services = [...(parts.services ?? [])];
  const channels = parts.channels ?? [];
  const operations = parts.operations ?? [];
  for (const id of [...channels.map((c) => c.serviceId), ...operations.map((o) => o.serviceId)]) {
    if (!services.some((s) => s.id === id)) services.push(service(id));
  }
  for (const s of services) {
    s.channelIds = channels.filter((c) => c.serviceId === s.id).map((c) => c.id);
    s.operationIds = operations.filter((o) => o.serviceId === s.id).map((o) => o.id);
  }
  return {
    root: ROOT,
    documents: [...new Set(services.map((s) => s.file))].sort(),
    services,
    channels,
    messages: parts.messages ?? [],
    operations,
    edges: [],
    diagnostics: [],
  };
}

export const EMPTY_CATALOG: Catalog = catalog();

// ---------------------------------------------------------------------------------------------
// A small platform that every rule accepts; tests break one thing in it at a time.

export function envelopeHeaders(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://eventline.dev/schemas/envelope/cloudevents-headers.json",
    type: "object",
    properties: {
      ce_id: { type: "string", minLength: 1 },
      ce_type: { type: "string" },
      ce_correlationid: { type: "string" },
    },
    required: ["ce_id", "ce_type"],
  };
}

export function orderCreatedPayload(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: {
      orderId: { $id: "https://eventline.dev/schemas/common/ids.json", type: "string", format: "uuid" },
      total: {
        type: "object",
        properties: {
          amount: { type: "string", pattern: "^\\d+(\\.\\d{1,2})?$" },
          currency: { type: "string", pattern: "^[A-Z]{3}$" },
        },
        required: ["amount", "currency"],
      },
    },
    required: ["orderId", "total"],
    additionalProperties: false,
  };
}

export const ORDER_ID = "4a2e21ee-7ae3-45c9-8124-c683a599c561";

export function validExample(): Omit<MessageExample, "source"> {
  return {
    name: "created",
    headers: { ce_id: "3f697a27-6709-4392-a613-77a6236a6f9e", ce_type: "OrderCreated.v1" },
    payload: { orderId: ORDER_ID, total: { amount: "114.00", currency: "EUR" } },
  };
}

export interface Platform {
  orderCreated: Message;
  /** orders' own copy is the one billing receives: same name, same address, another document. */
  billingOrderCreated: Message;
  ordersEvents: Channel;
  billingOrders: Channel;
  billingDeadLetter: Channel;
  publish: Operation;
  receive: Operation;
  orders: Service;
  billing: Service;
}

export function platform(): Platform {
  const orderCreated = message("OrderCreated", {
    headers: envelopeHeaders(),
    payload: orderCreatedPayload(),
    version: 1,
    major: 1,
    partitionKey: "/orderId",
    kafkaKey: { type: "string", format: "uuid" },
    examples: [validExample()],
  });
  const billingOrderCreated = message("OrderCreated", {
    service: "billing",
    headers: envelopeHeaders(),
    payload: orderCreatedPayload(),
    version: 1,
    major: 1,
    partitionKey: "/orderId",
    examples: [validExample()],
  });
  const ordersEvents = channel("ordersEvents", {
    address: "orders.events.v1",
    ordering: "per-key",
    messages: [orderCreated],
  });
  const billingOrders = channel("ordersEvents", {
    service: "billing",
    address: "orders.events.v1",
    ordering: "per-key",
    messages: [billingOrderCreated],
  });
  const billingDeadLetter = channel("billingDeadLetter", {
    service: "billing",
    address: "billing.dead-letter.v1",
    ordering: "none",
  });
  const publish = operation("publishOrderCreated", "send", ordersEvents, [orderCreated]);
  const receive = operation("receiveOrderCreated", "receive", billingOrders, [billingOrderCreated], {
    groupId: "billing-service",
    bindings: { kafka: { groupId: { type: "string", enum: ["billing-service"] } } },
    deadLetter: { channel: "billingDeadLetter", maxAttempts: 5 },
    idempotencyKey: "/orderId",
  });
  return {
    orderCreated,
    billingOrderCreated,
    ordersEvents,
    billingOrders,
    billingDeadLetter,
    publish,
    receive,
    orders: service("orders", { compatibility: "BACKWARD" }),
    billing: service("billing"),
  };
}

export function platformCatalog(p: Platform): Catalog {
  return catalog({
    services: [p.orders, p.billing],
    messages: [p.orderCreated, p.billingOrderCreated],
    channels: [p.ordersEvents, p.billingOrders, p.billingDeadLetter],
    operations: [p.publish, p.receive],
  });
}

/** The healthy platform with one change applied. */
export function broken(change: (p: Platform) => void): Catalog {
  const p = platform();
  change(p);
  return platformCatalog(p);
}

/** Where the platform's nodes are, as `file#pointer`, for comparing with findings. */
export const AT = {
  orderCreated: "asyncapi/orders.yaml#/components/messages/OrderCreated",
  billingOrderCreated: "asyncapi/billing.yaml#/components/messages/OrderCreated",
  ordersEvents: "asyncapi/orders.yaml#/channels/ordersEvents",
  publish: "asyncapi/orders.yaml#/operations/publishOrderCreated",
  receive: "asyncapi/billing.yaml#/operations/receiveOrderCreated",
  orders: "asyncapi/orders.yaml#",
} as const;

/** Every file a node of the catalog is written in: where a finding may point. */
export function catalogFiles(c: Catalog): Set<string> {
  const files = new Set<string>(c.documents);
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const v = value as Record<string, unknown>;
    if (typeof v.file === "string" && typeof v.pointer === "string") files.add(v.file);
    // Resolved schemas and example values are user data, not model nodes.
    for (const [key, child] of Object.entries(v)) if (key !== "resolved" && key !== "raw") visit(child);
  };
  for (const list of [c.services, c.channels, c.messages, c.operations]) visit(list);
  return files;
}
