// The document pair of bench/compat.mjs: one AsyncAPI 3.0 document of N channels (old) and its next
// version (new) with a known mix of changes, so both tools' classifications can be scored.
//
// Per channel index i (deterministic, no randomness in which change is made):
//   i % 20 = 0   breaking    a new required property `region` (the new schema rejects old messages)
//   i % 20 = 3   breaking    an enum value removed from `status`
//   i % 20 = 5   breaking    `amount` narrowed from number to integer
//   i % 20 = 10  compatible  `note` maxLength widened 120 → 240
//   i % 20 = 12  compatible  an enum value added to `status`
//   i % 20 = 15  compatible  `status` no longer required
//   i % 20 = 17  compatible  descriptions reworded (annotations only)
//   i % 50 = 49  the channel, its operation and its message removed
//   plus `added` new channels appended in the new document.
// Breaking/compatible here means under BACKWARD, Eventline's default mode (the new schema reads what the
// old one wrote).

const DOMAINS = ["orders", "payments", "shipping", "inventory", "customers", "pricing", "returns", "loyalty"];
const ENTITIES = ["order", "customer", "product", "payment", "shipment"];
const VERBS = ["created", "updated", "cancelled", "confirmed", "rejected", "archived", "restored"];
const EXTRA_FIELDS = [
  { type: "string", format: "date-time" },
  { type: "integer", minimum: 0 },
  { type: "boolean" },
  { type: "array", items: { type: "string" }, maxItems: 20 },
  { type: "string", pattern: "^[A-Z]{3}$" },
];

export const PAYLOAD_CHANGES = {
  0: { breaking: true, what: "required property added" },
  3: { breaking: true, what: "enum value removed" },
  5: { breaking: true, what: "type narrowed number → integer" },
  10: { breaking: false, what: "maxLength widened" },
  12: { breaking: false, what: "enum value added" },
  15: { breaking: false, what: "property no longer required" },
  17: { breaking: false, what: "description reworded" },
};

const pad = (n) => String(n).padStart(4, "0");

function names(i) {
  const entity = ENTITIES[i % ENTITIES.length];
  const verb = VERBS[(i >> 1) % VERBS.length];
  const domain = DOMAINS[i % DOMAINS.length];
  const Entity = entity[0].toUpperCase() + entity.slice(1);
  const Verb = verb[0].toUpperCase() + verb.slice(1);
  return {
    channel: `${entity}${Verb}${pad(i)}`,
    address: `bench.${domain}.${entity}-${verb}.${pad(i)}`,
    message: `${Entity}${Verb}${pad(i)}`,
    operation: `publish${Entity}${Verb}${pad(i)}`,
    entity,
    verb,
  };
}

function payload(i, version) {
  const change = version === "new" ? PAYLOAD_CHANGES[i % 20] : undefined;
  const kind = change ? i % 20 : -1;
  const n = names(i);
  const status = ["NEW", "PAID", "SHIPPED", "CANCELLED"];
  const properties = {
    id: { type: "string", format: "uuid", description: `Id of the ${n.entity}.` },
    amount: { type: kind === 5 ? "integer" : "number", minimum: 0 },
    status: {
      type: "string",
      enum: kind === 3 ? status.slice(0, 3) : kind === 12 ? [...status, "REFUNDED"] : status,
    },
    note: {
      type: "string",
      maxLength: kind === 10 ? 240 : 120,
      description: kind === 17 ? "Free text, shown to support staff." : "Free text.",
    },
  };
  for (let f = 0; f < 2 + (i % 4); f++) properties[`field${f}`] = EXTRA_FIELDS[(i + f) % EXTRA_FIELDS.length];
  const required = kind === 15 ? ["id", "amount"] : ["id", "amount", "status"];
  if (kind === 0) {
    properties.region = { type: "string", enum: ["eu", "us", "apac"] };
    required.push("region");
  }
  return {
    type: "object",
    description: kind === 17 ? `The ${n.entity}, as it is now.` : `The ${n.entity}.`,
    required,
    properties,
  };
}

function add(doc, i, version) {
  const n = names(i);
  doc.channels[n.channel] = {
    address: n.address,
    messages: { [n.message]: { $ref: `#/components/messages/${n.message}` } },
    bindings: { kafka: { topic: n.address, partitions: 6, replicas: 3, bindingVersion: "0.5.0" } },
  };
  doc.operations[n.operation] = {
    action: "send",
    channel: { $ref: `#/channels/${n.channel}` },
    messages: [{ $ref: `#/channels/${n.channel}/messages/${n.message}` }],
  };
  // Every fourth channel is also read by the same service (a consumer for the impact analysis).
  if (i % 4 === 0) {
    doc.operations[`consume${n.message}`] = {
      action: "receive",
      channel: { $ref: `#/channels/${n.channel}` },
      messages: [{ $ref: `#/channels/${n.channel}/messages/${n.message}` }],
    };
  }
  doc.components.messages[n.message] = {
    name: n.message,
    contentType: "application/json",
    headers: {
      type: "object",
      properties: { traceparent: { type: "string" }, tenant: { type: "string", enum: ["eu", "us", "apac"] } },
    },
    payload: payload(i, version),
  };
}

/**
 * The old and new documents (plain objects) and the ground truth: `payloadChanges` maps each changed
 * message name to whether its change breaks under BACKWARD.
 */
export function documentPair(channels, added = Math.max(1, Math.round(channels / 50))) {
  const make = (version) => ({
    asyncapi: "3.0.0",
    info: { title: "Bench catalog", version: version === "old" ? "1.0.0" : "1.1.0" },
    defaultContentType: "application/json",
    channels: {},
    operations: {},
    components: { messages: {} },
  });
  const oldDoc = make("old");
  const newDoc = make("new");
  const payloadChanges = new Map();
  let removed = 0;
  for (let i = 0; i < channels; i++) {
    add(oldDoc, i, "old");
    if (i % 50 === 49) {
      removed++;
      continue;
    }
    add(newDoc, i, "new");
    const change = PAYLOAD_CHANGES[i % 20];
    if (change) payloadChanges.set(names(i).message, change);
  }
  for (let i = channels; i < channels + added; i++) add(newDoc, i, "new");
  return { oldDoc, newDoc, payloadChanges, removed, added };
}
