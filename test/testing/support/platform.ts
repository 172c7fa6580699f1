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
import { createOrdersStore, orderState, ordersHandlers } from "../../../examples/saga/src/services/orders.js";
import { createPaymentsStore, paymentsHandlers } from "../../../examples/saga/src/services/payments.js";
import { createShippingStore, shippingHandlers } from "../../../examples/saga/src/services/shipping.js";
import { defineService } from "../../../src/testing/index.js";

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
      setup: (client, s) => void client.start(notificationsHandlers(s)),
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

export const orders = () =>
  defineService(
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
    },
    { root: ROOT },
  );
