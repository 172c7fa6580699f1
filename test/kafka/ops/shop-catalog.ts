import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MessageSpec } from "../../../src/runtime/message-spec.js";
import { fromAjv } from "../../../src/runtime/validation.js";
import { createAjv } from "../../../src/schema/ajv.js";

// One small service for the operations tests: it receives `shop.orders` (2 partitions, keyed by
// orderId) in group `shop-service`, dead-letters into `shop.dead-letter`, and declares an SLO and a
// peak rate. Topics get the run's prefix through --prefix, so runs never share them.

export const PAYLOAD_SCHEMA = {
  type: "object",
  required: ["orderId", "amount"],
  properties: {
    orderId: { type: "string", minLength: 1 },
    amount: { type: "integer", minimum: 0 },
  },
  additionalProperties: false,
};

export const SHOP = {
  topic: "shop.orders",
  deadLetter: "shop.dead-letter",
  group: "shop-service",
  type: "shop.OrderPlaced.v1",
  maxAttempts: 2,
};

export function shopDocument(extra: { slo?: string; peakRate?: number } = {}): string {
  return `asyncapi: 3.0.0
info:
  title: shop
  version: 1.0.0
servers:
  local:
    host: 127.0.0.1:9092
    protocol: kafka
channels:
  orders:
    address: ${SHOP.topic}
${extra.peakRate !== undefined ? `    x-eventline-peak-rate: ${extra.peakRate}\n` : ""}    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
    bindings:
      kafka:
        partitions: 2
        replicas: 1
        bindingVersion: '0.5.0'
  deadLetter:
    address: ${SHOP.deadLetter}
    messages: {}
operations:
  receiveOrderPlaced:
    action: receive
    channel:
      $ref: '#/channels/orders'
    messages:
      - $ref: '#/channels/orders/messages/OrderPlaced'
    bindings:
      kafka:
        groupId:
          type: string
          enum: [${SHOP.group}]
        bindingVersion: '0.5.0'
    x-eventline-dead-letter:
      channel: deadLetter
      maxAttempts: ${SHOP.maxAttempts}
${extra.slo ?? ""}components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      x-eventline-partition-key: /orderId
      payload:
${JSON.stringify(PAYLOAD_SCHEMA, null, 2)
  .split("\n")
  .map((l) => `        ${l}`)
  .join("\n")}
`;
}

export interface ShopCatalog {
  root: string;
  remove(): void;
}

export function shopCatalog(extra: Parameters<typeof shopDocument>[0] = {}): ShopCatalog {
  const root = mkdtempSync(join(tmpdir(), "eventline-ops-test-"));
  mkdirSync(join(root, "asyncapi"));
  writeFileSync(join(root, "asyncapi", "shop.yaml"), shopDocument(extra));
  writeFileSync(join(root, "eventline.config.yaml"), "limits:\n  timeoutMs: 300000\n");
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The runtime's spec of OrderPlaced on the prefixed topic, validating as generated code does. */
export function orderPlacedSpec(prefix: string, validate = true): MessageSpec {
  return {
    name: "OrderPlaced",
    topic: prefix + SHOP.topic,
    type: SHOP.type,
    partitionKey: "/orderId",
    ...(validate ? { validatePayload: fromAjv(createAjv("draft-07").compile(PAYLOAD_SCHEMA)) } : {}),
  };
}
