// The example platform's order saga, end to end on the embedded in-memory broker, written only
// against the clients `eventline generate` produced from asyncapi/*.yaml (examples/saga/generated).
import { randomUUID } from "node:crypto";
import {
  createInMemoryBroker,
  createInMemoryIdempotencyStore,
  createInMemoryTransport,
} from "eventline/runtime";
import {
  createInventoryServiceClient,
  type InventoryServiceHandlers,
} from "../generated/inventory-service/index.js";
import {
  createNotificationsServiceClient,
  type NotificationsServiceHandlers,
} from "../generated/notifications-service/index.js";
import {
  createOrdersServiceClient,
  type OrderCreated,
  type OrdersServiceHandlers,
} from "../generated/orders-service/index.js";
import {
  createPaymentsServiceClient,
  type PaymentsServiceHandlers,
} from "../generated/payments-service/index.js";
import {
  createShippingServiceClient,
  type ShippingServiceHandlers,
} from "../generated/shipping-service/index.js";
import { createInventoryStore, inventoryHandlers as inventoryHandlers_ } from "./services/inventory.js";
import {
  createNotificationsStore,
  notificationsHandlers as notificationsHandlers_,
} from "./services/notifications.js";
import { createOrdersStore, ordersHandlers as ordersHandlers_, startFulfilment } from "./services/orders.js";
import { createPaymentsStore, paymentsHandlers as paymentsHandlers_ } from "./services/payments.js";
import {
  createShippingStore,
  dispatchShipment,
  shippingHandlers as shippingHandlers_,
} from "./services/shipping.js";

export interface SagaResult {
  /** Every step, in the order the services saw them: `service: message`. */
  trail: string[];
  /** Messages the notifications service was told about. */
  notified: string[];
  /** Records per topic, read through the broker's inspector. */
  topics: Record<string, number>;
  /** Dead-lettered messages with the runtime's reason (none when the saga ran clean). */
  deadLetters: string[];
}

/**
 * Places one order and lets the five services run the fulfilment saga (reserve, capture, ship,
 * confirm); once the customer is notified, the carrier collects the parcel and the order ships.
 */
export async function runSaga(options: { timeoutMs?: number } = {}): Promise<SagaResult> {
  const broker = createInMemoryBroker();
  const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
  const trail: string[] = [];
  const notified: string[] = [];

  const orders = createOrdersServiceClient({ transport, idempotency: createInMemoryIdempotencyStore() });
  const inventory = createInventoryServiceClient({
    transport,
    idempotency: createInMemoryIdempotencyStore(),
  });
  const payments = createPaymentsServiceClient({ transport, idempotency: createInMemoryIdempotencyStore() });
  const shipping = createShippingServiceClient({ transport, idempotency: createInMemoryIdempotencyStore() });
  const notifications = createNotificationsServiceClient({ transport });

  // Topics and dead-letter topics come from the contracts, with their declared partition counts.
  const contracts = [orders, inventory, payments, shipping, notifications].map((c) => c.contract);
  const topics = new Set<string>();
  for (const contract of contracts) {
    for (const m of Object.values(contract.sends)) topics.add(m.topic);
    for (const c of contract.consumers) {
      topics.add(c.topic);
      if ("deadLetter" in c) topics.add(c.deadLetter.topic);
    }
  }
  for (const topic of [...topics].sort()) broker.createTopic(topic, { partitions: 3 });

  const order: OrderCreated = {
    orderId: randomUUID(),
    customerId: randomUUID(),
    salesChannel: "web",
    currency: "EUR",
    lines: [
      { lineNumber: 1, sku: "TRAIL-SHOE-42", quantity: 1, unitPrice: { amount: "89.00", currency: "EUR" } },
    ],
    createdAt: new Date().toISOString(),
  };
  const reservationId = randomUUID();
  const paymentId = randomUUID();
  const shipmentId = randomUUID();
  let shipped: (() => void) | undefined;
  const done = new Promise<void>((resolve) => {
    shipped = resolve;
  });

  // Each service's handlers live in its own module (src/services/), shared with the property tests.
  const ordersStore = createOrdersStore();
  const shippingStore = createShippingStore();
  const traced = <H extends object>(service: string, handlers: H): H =>
    Object.fromEntries(
      Object.entries(handlers as Record<string, (event: never) => unknown>).map(([name, handler]) => [
        name,
        (event: never) => {
          trail.push(`${service}: ${name}`);
          return handler(event);
        },
      ]),
    ) as H;
  const ordersBase = ordersHandlers_(orders, ordersStore);
  const ordersHandlers: OrdersServiceHandlers<undefined> = traced("orders", {
    ...ordersBase,
    // The saga's last reply: the carrier may collect the parcel now.
    CustomerNotified: async (event) => {
      await ordersBase.CustomerNotified(event);
      await dispatchShipment(shipping, shippingStore, shipmentId, new Date().toISOString());
    },
  });
  const inventoryHandlers: InventoryServiceHandlers<undefined> = traced(
    "inventory",
    inventoryHandlers_(inventory, createInventoryStore()),
  );
  const paymentsHandlers: PaymentsServiceHandlers<undefined> = traced(
    "payments",
    paymentsHandlers_(payments, createPaymentsStore()),
  );
  const shippingHandlers: ShippingServiceHandlers<undefined> = traced(
    "shipping",
    shippingHandlers_(shipping, shippingStore),
  );
  const notificationsHandlers: NotificationsServiceHandlers<undefined> = notificationsHandlers_(
    notifications,
    createNotificationsStore(),
    (name) => {
      notified.push(name);
      if (name === "OrderShipped") shipped?.();
    },
  );

  const clients = [orders, inventory, payments, shipping, notifications];
  // What the consumers gave up on, with the reason the runtime recorded (`eventline-error`).
  const deadLetterTopics = contracts.flatMap((c) =>
    c.consumers.flatMap((g) => ("deadLetter" in g ? [g.deadLetter.topic] : [])),
  );
  const deadLetters = () =>
    [...new Set(deadLetterTopics)].flatMap((topic) => {
      const partitions = broker.inspect.topics().find((t) => t.name === topic)?.partitions ?? 0;
      return Array.from({ length: partitions }, (_, p) => broker.inspect.records(topic, p)).flatMap(
        (records) => records.map((r) => `${topic}: ${r.headers["eventline-error"] ?? "?"}`),
      );
    });
  orders.start(ordersHandlers);
  inventory.start(inventoryHandlers);
  payments.start(paymentsHandlers);
  shipping.start(shippingHandlers);
  notifications.start(notificationsHandlers);

  trail.push("orders: OrderCreated");
  await orders.publish.OrderCreated(order, { subject: `order/${order.orderId}` });
  await startFulfilment(
    orders,
    ordersStore,
    { order, reservationId, paymentId, shipmentId },
    order.createdAt,
  );

  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          reject(
            new Error(
              `the saga did not finish within ${timeoutMs} ms: ${trail.join(" → ")}; dead letters: ${deadLetters().join("; ") || "none"}`,
            ),
          );
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await Promise.all(clients.map((c) => c.stop()));
  }
  const counts: Record<string, number> = {};
  for (const topic of [...topics].sort()) {
    const partitions = broker.inspect.topics().find((t) => t.name === topic)?.partitions ?? 0;
    let records = 0;
    for (let p = 0; p < partitions; p++) records += broker.inspect.highWatermark(topic, p);
    counts[topic] = records;
  }
  return { trail, notified, topics: counts, deadLetters: deadLetters() };
}
