// Synthetic catalogs shared by the benchmarks: AsyncAPI 3.0 service documents whose payloads share
// $ref'd schema files, generated from a seeded PRNG so every run writes byte-identical input.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prng } from "./lib.mjs";

export const MESSAGES_PER_DOCUMENT = 25;

const COMMON = {
  $defs: {
    Uuid: { type: "string", format: "uuid", description: "A UUID." },
    Timestamp: { type: "string", format: "date-time" },
    Money: {
      type: "object",
      description: "An amount in a currency.",
      properties: {
        amount: { type: "string", pattern: "^-?[0-9]+(\\.[0-9]{1,4})?$" },
        currency: { type: "string", pattern: "^[A-Z]{3}$" },
      },
      required: ["amount", "currency"],
      additionalProperties: false,
    },
    Address: {
      type: "object",
      properties: {
        line1: { type: "string", maxLength: 200 },
        line2: { type: "string", maxLength: 200 },
        city: { type: "string" },
        postalCode: { type: "string" },
        country: { type: "string", pattern: "^[A-Z]{2}$" },
      },
      required: ["line1", "city", "country"],
    },
    Customer: {
      type: "object",
      properties: {
        id: { $ref: "#/$defs/Uuid" },
        email: { type: "string", format: "email" },
        name: { type: "string" },
        address: { $ref: "#/$defs/Address" },
        tier: { enum: ["standard", "gold", "platinum"] },
      },
      required: ["id", "email"],
    },
    OrderLine: {
      type: "object",
      properties: {
        sku: { type: "string", minLength: 1 },
        quantity: { type: "integer", minimum: 1 },
        unitPrice: { $ref: "#/$defs/Money" },
        discounts: { type: "array", items: { $ref: "#/$defs/Money" } },
      },
      required: ["sku", "quantity", "unitPrice"],
    },
    Category: {
      type: "object",
      description: "A category tree (recursive).",
      properties: {
        name: { type: "string" },
        children: { type: "array", items: { $ref: "#/$defs/Category" } },
      },
      required: ["name"],
    },
  },
};

const HEADERS = {
  type: "object",
  properties: {
    ce_id: { type: "string", minLength: 1 },
    ce_source: { type: "string" },
    ce_type: { type: "string" },
    ce_time: { type: "string", format: "date-time" },
    traceparent: { type: "string" },
  },
  required: ["ce_id", "ce_source", "ce_type"],
};

const NOUNS = ["Order", "Payment", "Shipment", "Invoice", "Customer", "Basket", "Refund", "Stock", "Price"];
const VERBS = ["Created", "Updated", "Cancelled", "Confirmed", "Failed", "Requested", "Completed", "Expired"];

function payload(rand, i) {
  const common = (name) => ({ $ref: `../schemas/common.yaml#/$defs/${name}` });
  const properties = {
    eventId: common("Uuid"),
    occurredAt: common("Timestamp"),
    [`${NOUNS[i % NOUNS.length].toLowerCase()}Id`]: common("Uuid"),
  };
  const required = Object.keys(properties);
  if (rand() < 0.6) properties.customer = common("Customer");
  if (rand() < 0.5) {
    properties.lines = { type: "array", minItems: 1, items: common("OrderLine") };
    properties.total = common("Money");
    required.push("lines", "total");
  }
  if (rand() < 0.3) properties.shippingAddress = common("Address");
  if (rand() < 0.2) properties.category = common("Category");
  const extra = 2 + Math.floor(rand() * 5);
  for (let k = 0; k < extra; k++) {
    const kind = Math.floor(rand() * 5);
    properties[`field${k}`] =
      kind === 0
        ? { type: "string", maxLength: 64, description: `Free text ${k}.` }
        : kind === 1
          ? { type: "integer", minimum: 0 }
          : kind === 2
            ? { enum: ["a", "b", "c", `v${i}`] }
            : kind === 3
              ? { type: "boolean" }
              : {
                  type: "object",
                  properties: { code: { type: "string" }, count: { type: "integer" } },
                  required: ["code"],
                };
  }
  return { type: "object", properties, required, additionalProperties: false };
}

/**
 * Writes the catalog (documents in asyncapi/, shared schemas in schemas/); returns the documents.
 * With `examples`, each message gets one example (valid unless its payload needs order lines).
 */
export function writeCatalog(dir, messages, { examples = false } = {}) {
  const rand = prng(messages);
  mkdirSync(join(dir, "asyncapi"), { recursive: true });
  mkdirSync(join(dir, "schemas"), { recursive: true });
  writeFileSync(join(dir, "schemas", "common.yaml"), JSON.stringify(COMMON, null, 2));
  writeFileSync(join(dir, "schemas", "headers.yaml"), JSON.stringify(HEADERS, null, 2));
  const documents = [];
  for (let d = 0, i = 0; i < messages; d++) {
    const count = Math.min(MESSAGES_PER_DOCUMENT, messages - i);
    const channels = {};
    const operations = {};
    const components = {};
    for (let m = 0; m < count; m++, i++) {
      const name = `${NOUNS[i % NOUNS.length]}${VERBS[Math.floor(i / NOUNS.length) % VERBS.length]}${i}`;
      components[name] = {
        name,
        title: name,
        summary: `${name} happened.`,
        contentType: "application/json",
        headers: { $ref: "../schemas/headers.yaml" },
        payload: payload(rand, i),
      };
      if (examples) {
        const noun = NOUNS[i % NOUNS.length].toLowerCase();
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
        components[name].examples = [
          {
            name: "minimal",
            payload: { eventId: id, occurredAt: "2026-01-01T00:00:00Z", [`${noun}Id`]: id },
          },
        ];
      }
      channels[`ch${m}`] = {
        address: `service${d}.${name.toLowerCase()}.v1`,
        messages: { [name]: { $ref: `#/components/messages/${name}` } },
      };
      operations[`op${m}`] = {
        action: m % 4 === 3 ? "receive" : "send",
        channel: { $ref: `#/channels/ch${m}` },
        messages: [{ $ref: `#/channels/ch${m}/messages/${name}` }],
      };
    }
    const doc = {
      asyncapi: "3.0.0",
      info: { title: `Service ${d}`, version: "1.0.0", description: `Synthetic service ${d}.` },
      channels,
      operations,
      components: { messages: components },
    };
    const file = join(dir, "asyncapi", `service-${d}.yaml`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    documents.push(file);
  }
  return documents;
}
