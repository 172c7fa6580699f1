// The orders service: the fulfilment saga's orchestrator, with an event-sourced order. Every outcome
// it receives is appended to the order's log once (by event id); the order's state is a fold over
// that log (`orderState`), so it can be rebuilt by replaying it. The saga runs the steps its document
// declares, in order, and undoes the completed ones in reverse when a step fails; commands carry ids
// derived from the order and the step, so handling an event twice sends nothing new.
import { createHash } from "node:crypto";
import { createInMemoryIdempotencyStore, type InMemoryIdempotencyStore } from "eventline/runtime";
import type {
  OrderCreated,
  OrdersServiceClient,
  OrdersServiceHandlers,
} from "../../generated/orders-service/index.js";

/** One fact in an order's log. Time and ids come with the event: the fold reads no clock. */
export interface OrderEvent {
  id: string;
  type: string;
  at: string;
  orderId: string;
}

export interface OrderState {
  status: "unknown" | "placed" | "reserved" | "paid" | "shipped" | "failed" | "compensating";
  steps: string[];
  lastEventAt?: string;
}

const TRANSITIONS: Record<string, OrderState["status"]> = {
  OrderPlaced: "placed",
  InventoryReserved: "reserved",
  InventoryReservationFailed: "failed",
  PaymentCaptured: "paid",
  PaymentFailed: "failed",
  StepTimedOut: "failed",
  ShipmentDispatched: "shipped",
};

/** The order's state from its log: a pure fold. */
export function orderFold(state: OrderState, event: OrderEvent): OrderState {
  const status = TRANSITIONS[event.type] ?? state.status;
  return { status, steps: [...state.steps, event.type], lastEventAt: event.at };
}

export const initialOrder = (): OrderState => ({ status: "unknown", steps: [] });

export function orderState(events: readonly OrderEvent[]): OrderState {
  return events.reduce(orderFold, initialOrder());
}

export interface PlacedOrder {
  order: OrderCreated;
  reservationId: string;
  paymentId: string;
  shipmentId: string;
}

/**
 * Where an order's fulfilment saga stands: the step in flight (index into FULFILMENT) and when its
 * command went out, until it completes or fails.
 */
export interface SagaProgress {
  step: number;
  since: string;
  status: "running" | "completed" | "failed";
}

export interface OrdersStore {
  inbox: InMemoryIdempotencyStore;
  /** orderId → its log. */
  logs: Map<string, OrderEvent[]>;
  placed: Map<string, PlacedOrder>;
  /** orderId → its fulfilment saga. */
  sagas: Map<string, SagaProgress>;
}

export function createOrdersStore(): OrdersStore {
  return { inbox: createInMemoryIdempotencyStore(), logs: new Map(), placed: new Map(), sagas: new Map() };
}

/** Appends `event` unless the log already holds it; true when it was new. */
export function append(store: OrdersStore, event: OrderEvent): boolean {
  const log = store.logs.get(event.orderId) ?? [];
  if (log.some((e) => e.id === event.id)) return false;
  store.logs.set(event.orderId, [...log, event]);
  return true;
}

/** Records an order placed at checkout, with the ids the saga's commands will carry. */
export function placeOrder(store: OrdersStore, placed: PlacedOrder): void {
  store.placed.set(placed.order.orderId, placed);
  append(store, {
    id: `placed.${placed.order.orderId}`,
    type: "OrderPlaced",
    at: placed.order.createdAt,
    orderId: placed.order.orderId,
  });
}

const address = (p: PlacedOrder) => ({
  recipientName: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  countryCode: "GB",
  ...(p.order as { shippingAddress?: object }).shippingAddress,
});
const total = (p: PlacedOrder) => p.order.lines[0]!.unitPrice;
const items = (p: PlacedOrder): [{ sku: string; quantity: number }] => [
  { sku: p.order.lines[0]!.sku, quantity: p.order.lines[0]!.quantity },
];

/** A uuid derived from a text: commands re-sent after a crash carry the same ids (refundId). */
export function uuidFrom(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One step of the fulfilment saga: the command that runs it and the one that undoes it. */
export interface FulfilmentStep {
  name: string;
  /** Milliseconds before the step counts as failed, as declared. */
  timeoutMs: number;
  run(client: OrdersServiceClient, p: PlacedOrder, id: string, time: string): Promise<unknown>;
  undo?(client: OrdersServiceClient, p: PlacedOrder, id: string): Promise<unknown>;
}

/** The fulfilment saga as asyncapi/orders.yaml declares it (`x-eventline-saga`), in its order. */
export const FULFILMENT: readonly FulfilmentStep[] = [
  {
    name: "reserve-inventory",
    timeoutMs: 60_000,
    run: (client, p, id, time) =>
      client.publish.ReserveInventory(
        {
          orderId: p.order.orderId,
          reservationId: p.reservationId,
          items: items(p),
          holdUntil: new Date(Date.parse(time) + 15 * 60_000).toISOString(),
        },
        { id },
      ),
    undo: (client, p, id) =>
      client.publish.ReleaseInventory(
        { orderId: p.order.orderId, reservationId: p.reservationId, reason: "order-cancelled" },
        { id },
      ),
  },
  {
    name: "capture-payment",
    timeoutMs: 300_000,
    run: (client, p, id) =>
      client.publish.CapturePayment(
        { orderId: p.order.orderId, paymentId: p.paymentId, amount: total(p) },
        { id },
      ),
    undo: (client, p, id) =>
      client.publish.RefundPayment(
        {
          orderId: p.order.orderId,
          paymentId: p.paymentId,
          refundId: uuidFrom(`refund ${p.paymentId}`),
          amount: total(p),
          reason: "order-cancelled",
        },
        { id },
      ),
  },
  {
    name: "create-shipment",
    timeoutMs: 600_000,
    run: (client, p, id) =>
      client.publish.CreateShipment(
        {
          orderId: p.order.orderId,
          shipmentId: p.shipmentId,
          reservationId: p.reservationId,
          items: items(p),
          deliveryAddress: address(p),
          serviceLevel: "standard",
        },
        { id },
      ),
    undo: (client, p, id) =>
      client.publish.CancelShipment(
        { orderId: p.order.orderId, shipmentId: p.shipmentId, reason: "order-cancelled" },
        { id },
      ),
  },
  {
    name: "send-confirmation",
    timeoutMs: 300_000,
    run: (client, p, id, time) =>
      client.publish.OrderConfirmed(
        {
          orderId: p.order.orderId,
          customerId: p.order.customerId,
          reservationId: p.reservationId,
          paymentId: p.paymentId,
          lines: [p.order.lines[0]!],
          total: total(p),
          shippingAddress: address(p),
          serviceLevel: "standard",
          confirmedAt: time,
        },
        { id },
      ),
  },
];

// Command ids derive from the order and the step: a command sent again (after a crash, for a
// duplicate reply) carries the id it had, and receivers deduplicate it. Progress is saved before the
// command goes out, so a reply that overtakes the save cannot find the saga a step behind.
const runId = (orderId: string, step: FulfilmentStep) => `${orderId}.${step.name}`;
const undoId = (orderId: string, step: FulfilmentStep) => `${orderId}.undo.${step.name}`;

/** Places the order and sends the saga's first command. */
export async function startFulfilment(
  client: OrdersServiceClient,
  store: OrdersStore,
  placed: PlacedOrder,
  time: string,
): Promise<void> {
  placeOrder(store, placed);
  const orderId = placed.order.orderId;
  if (!store.sagas.has(orderId)) store.sagas.set(orderId, { step: 0, since: time, status: "running" });
  if (store.sagas.get(orderId)!.step === 0)
    await FULFILMENT[0]!.run(client, placed, runId(orderId, FULFILMENT[0]!), time);
}

/** Step `failed` failed: the saga is failed, and the completed steps before it are undone, last first. */
async function compensate(client: OrdersServiceClient, store: OrdersStore, p: PlacedOrder, failed: number) {
  const orderId = p.order.orderId;
  store.sagas.set(orderId, { ...store.sagas.get(orderId)!, step: failed, status: "failed" });
  for (const step of FULFILMENT.slice(0, failed).reverse())
    await step.undo?.(client, p, undoId(orderId, step));
}

/** Fails every step that has been in flight longer than its timeout (the harness and a timer call it). */
export async function sweepTimeouts(
  client: OrdersServiceClient,
  store: OrdersStore,
  now: Date,
): Promise<void> {
  for (const [orderId, saga] of [...store.sagas]) {
    const step = FULFILMENT[saga.step]!;
    if (saga.status !== "running" || now.getTime() - Date.parse(saga.since) < step.timeoutMs) continue;
    const placed = store.placed.get(orderId);
    if (!placed) continue;
    append(store, {
      id: `${orderId}.timeout.${step.name}`,
      type: "StepTimedOut",
      at: now.toISOString(),
      orderId,
    });
    await compensate(client, store, placed, saga.step);
  }
}

export function ordersHandlers(
  client: OrdersServiceClient,
  store: OrdersStore,
): OrdersServiceHandlers<undefined> {
  type Cause = { payload: { orderId: string }; envelope: { id: string; time: string } };
  const record = (type: string, { payload, envelope }: Cause) =>
    append(store, { id: envelope.id, type, at: envelope.time, orderId: payload.orderId });
  const succeeded = (type: string, index: number) => async (cause: Cause) => {
    record(type, cause);
    const orderId = cause.payload.orderId;
    const saga = store.sagas.get(orderId);
    const placed = store.placed.get(orderId);
    if (!saga || !placed || saga.status === "failed") return;
    const next = FULFILMENT[index + 1];
    if (saga.status === "running" && saga.step === index)
      store.sagas.set(
        orderId,
        next
          ? { step: index + 1, since: cause.envelope.time, status: "running" }
          : { step: index, since: cause.envelope.time, status: "completed" },
      );
    // Also when this reply was handled before and the process died before the command went out.
    else if (!(saga.status === "running" && saga.step === index + 1)) return;
    if (next) await next.run(client, placed, runId(orderId, next), cause.envelope.time);
  };
  const failed = (type: string, index: number) => async (cause: Cause) => {
    record(type, cause);
    const saga = store.sagas.get(cause.payload.orderId);
    const placed = store.placed.get(cause.payload.orderId);
    // Handled again after a crash, it sends the compensations again, with the same ids.
    if (placed && saga?.step === index && saga.status !== "completed")
      await compensate(client, store, placed, index);
  };
  const noted = (type: string) => (cause: Cause) => void record(type, cause);
  return {
    InventoryReserved: succeeded("InventoryReserved", 0),
    InventoryReservationFailed: failed("InventoryReservationFailed", 0),
    InventoryReleased: noted("InventoryReleased"),
    PaymentCaptured: succeeded("PaymentCaptured", 1),
    PaymentFailed: failed("PaymentFailed", 1),
    RefundIssued: noted("RefundIssued"),
    ShipmentCreated: succeeded("ShipmentCreated", 2),
    ShipmentCancelled: noted("ShipmentCancelled"),
    ShipmentDispatched: async (cause) => {
      record("ShipmentDispatched", cause);
      const p = store.placed.get(cause.payload.orderId);
      if (!p) return;
      await client.publish.OrderShipped(
        {
          orderId: p.order.orderId,
          customerId: p.order.customerId,
          shipmentId: p.shipmentId,
          carrier: "dhl",
          trackingNumber: `JD${p.shipmentId.slice(0, 8).toUpperCase()}`,
          shippedAt: cause.envelope.time,
        },
        { id: `${cause.envelope.id}.shipped` },
      );
    },
    CustomerNotified: succeeded("CustomerNotified", 3),
  };
}
