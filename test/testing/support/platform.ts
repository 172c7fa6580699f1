// The example platform's five services as the harness runs them: the handlers the demo uses
// (examples/saga/src/services), over durable stores made fresh for every run.
import { createInventoryServiceClient } from "../../../examples/saga/generated/inventory-service/index.js";
import { createNotificationsServiceClient } from "../../../examples/saga/generated/notifications-service/index.js";
import { createOrdersServiceClient } from "../../../examples/saga/generated/orders-service/index.js";
import { createPaymentsServiceClient } from "../../../examples/saga/generated/payments-service/index.js";
import { createShippingServiceClient } from "../../../examples/saga/generated/shipping-service/index.js";
import { createInventoryStore, inventoryHandlers } from "../../../examples/saga/src/services/inventory.js";
import {
  createNotificationsStore,
  notificationsHandlers,
} from "../../../examples/saga/src/services/notifications.js";
import {
  createOrdersStore,
  orderState,
  ordersHandlers,
  type PlacedOrder,
  startFulfilment,
  sweepTimeouts,
  uuidFrom,
} from "../../../examples/saga/src/services/orders.js";
import { createPaymentsStore, paymentsHandlers } from "../../../examples/saga/src/services/payments.js";
import { createShippingStore, shippingHandlers } from "../../../examples/saga/src/services/shipping.js";
import { defineService, type SagaInstanceOutcome } from "../../../src/testing/index.js";

const ROOT = new URL("../../..", import.meta.url).pathname;

export const payments = () =>
  defineService(
    createPaymentsServiceClient,
    {
      durable: createPaymentsStore,
      idempotency: (s) => s.inbox,
      setup: (client, s) => void client.start(paymentsHandlers(client, s)),
      state: (s) => ({ captured: s.captured, refunded: s.refunded }),
    },
    { root: ROOT },
  );

export const inventory = () =>
  defineService(
    createInventoryServiceClient,
    {
      durable: createInventoryStore,
      idempotency: (s) => s.inbox,
      setup: (client, s) => void client.start(inventoryHandlers(client, s)),
      state: (s) => s.reservations,
    },
    { root: ROOT },
  );

export const shipping = () =>
  defineService(
    createShippingServiceClient,
    {
      durable: createShippingStore,
      idempotency: (s) => s.inbox,
      setup: (client, s) => void client.start(shippingHandlers(client, s)),
      state: (s) => s.shipments,
    },
    { root: ROOT },
  );

export const notifications = () =>
  defineService(
    createNotificationsServiceClient,
    {
      durable: createNotificationsStore,
      setup: (client, s) => void client.start(notificationsHandlers(client, s)),
      state: (s) => s.sent,
    },
    { root: ROOT },
  );

function facts(state: unknown): Record<string, string[]> {
  const logs = (state as { logs: Record<string, { id: string; type: string }[]> }).logs;
  return Object.fromEntries(
    Object.entries(logs).map(([order, log]) => [order, log.map((e) => `${e.id} ${e.type}`).sort()]),
  );
}

/** An order placed at checkout for a saga instance: its ids derive from the instance's. */
export function placedOrder(orderId: string, index: number, createdAt: string): PlacedOrder {
  return {
    order: {
      orderId,
      customerId: uuidFrom(`customer ${orderId}`),
      salesChannel: "web",
      currency: "EUR",
      lines: [
        {
          lineNumber: 1,
          sku: "TRAIL-SHOE-42",
          quantity: index,
          unitPrice: { amount: "89.00", currency: "EUR" },
        },
      ],
      createdAt,
    },
    reservationId: uuidFrom(`reservation ${orderId}`),
    paymentId: uuidFrom(`payment ${orderId}`),
    shipmentId: uuidFrom(`shipment ${orderId}`),
  };
}

type Held = Map<string, { orderId: string; released: boolean }>;
type Money = {
  captured: Map<string, { orderId: string }>;
  refunded: Map<string, { paymentId: string }>;
};
type Shipments = Map<string, { orderId: string; status: string }>;

/**
 * Nothing reserved, charged or shipped for a failed order; a completed one holds exactly one
 * reservation, one capture and one shipment.
 */
export function fulfilmentConsistent(
  states: Record<string, unknown>,
  instances: readonly SagaInstanceOutcome[],
): string | undefined {
  const held = states["inventory-service"] as Held;
  const money = states["payments-service"] as Money;
  const shipments = states["shipping-service"] as Shipments;
  const refunded = new Set([...money.refunded.values()].map((r) => r.paymentId));
  for (const i of instances) {
    const reserved = [...held.values()].filter((r) => r.orderId === i.key && !r.released).length;
    const charged = [...money.captured].filter(([id, c]) => c.orderId === i.key && !refunded.has(id)).length;
    const shipped = [...shipments.values()].filter(
      (s) => s.orderId === i.key && s.status !== "cancelled",
    ).length;
    const what = `order ${i.key} (${i.failedAt ? `failed at ${i.failedAt}` : "completed"}): ${reserved} reserved, ${charged} charged, ${shipped} shipped`;
    if (i.failedAt !== undefined && reserved + charged + shipped > 0) return what;
    if (i.failedAt === undefined && (reserved !== 1 || charged !== 1 || shipped !== 1)) return what;
  }
  return undefined;
}

/** The orders service with the fulfilment saga run against the four other services, for real. */
export const orders = async () => {
  const participants = [await inventory(), await payments(), await shipping(), await notifications()];
  return defineService(
    createOrdersServiceClient,
    {
      durable: createOrdersStore,
      idempotency: (s) => s.inbox,
      setup: (client, s) => void client.start(ordersHandlers(client, s)),
      // The order as its log folds to; the log itself is compared too.
      state: (s) => ({
        logs: s.logs,
        orders: Object.fromEntries([...s.logs].map(([id, log]) => [id, orderState(log)])),
      }),
      // Outcomes of one order arrive on different topics (inventory, payments, shipping), whose
      // relative order Kafka does not keep: the log records arrival order by design. Two runs are
      // the same when every order's log holds the same facts.
      equivalent: (a, b) => JSON.stringify(facts(a)) === JSON.stringify(facts(b)),
      saga: {
        start: (client, s, { id, index, context }) =>
          startFulfilment(
            client,
            s,
            placedOrder(id, index, context.now().toISOString()),
            context.now().toISOString(),
          ),
        tick: (client, s, context) => sweepTimeouts(client, s, context.now()),
        participants,
        consistent: fulfilmentConsistent,
      },
    },
    { root: ROOT },
  );
};
