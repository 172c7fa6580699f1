// The orders service: the saga's orchestrator, with an event-sourced order. Every outcome it
// receives is appended to the order's log once (by event id); the order's state is a fold over that
// log (`orderState`), so it can be rebuilt by replaying it. Reactions publish commands with ids
// derived from the event that caused them, so handling an event twice sends nothing new.
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
  PaymentFailed: "compensating",
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

export interface OrdersStore {
  inbox: InMemoryIdempotencyStore;
  /** orderId → its log. */
  logs: Map<string, OrderEvent[]>;
  placed: Map<string, PlacedOrder>;
}

export function createOrdersStore(): OrdersStore {
  return { inbox: createInMemoryIdempotencyStore(), logs: new Map(), placed: new Map() };
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

export function ordersHandlers(
  client: OrdersServiceClient,
  store: OrdersStore,
): OrdersServiceHandlers<undefined> {
  const record =
    (type: string, react?: (placed: PlacedOrder, cause: { id: string; time: string }) => Promise<void>) =>
    async ({
      payload,
      envelope,
    }: {
      payload: { orderId: string };
      envelope: { id: string; time: string };
    }) => {
      append(store, { id: envelope.id, type, at: envelope.time, orderId: payload.orderId });
      const placed = store.placed.get(payload.orderId);
      if (placed && react) await react(placed, envelope);
    };
  const address = (p: PlacedOrder) => ({
    recipientName: "Ada Lovelace",
    line1: "12 St James's Square",
    city: "London",
    postalCode: "SW1Y 4JH",
    countryCode: "GB",
    ...(p.order as { shippingAddress?: object }).shippingAddress,
  });
  const total = (p: PlacedOrder) => p.order.lines[0]!.unitPrice;
  return {
    InventoryReserved: record("InventoryReserved", async (p, cause) => {
      await client.publish.CapturePayment(
        { orderId: p.order.orderId, paymentId: p.paymentId, amount: total(p) },
        { id: `${cause.id}.capture` },
      );
    }),
    InventoryReservationFailed: record("InventoryReservationFailed"),
    InventoryReleased: record("InventoryReleased"),
    PaymentCaptured: record("PaymentCaptured", async (p, cause) => {
      const items: [{ sku: string; quantity: number }] = [
        { sku: p.order.lines[0]!.sku, quantity: p.order.lines[0]!.quantity },
      ];
      await client.publish.OrderConfirmed(
        {
          orderId: p.order.orderId,
          customerId: p.order.customerId,
          reservationId: p.reservationId,
          paymentId: p.paymentId,
          lines: [p.order.lines[0]!],
          total: total(p),
          shippingAddress: address(p),
          serviceLevel: "standard",
          confirmedAt: cause.time,
        },
        { id: `${cause.id}.confirmed` },
      );
      await client.publish.CreateShipment(
        {
          orderId: p.order.orderId,
          shipmentId: p.shipmentId,
          reservationId: p.reservationId,
          items,
          deliveryAddress: address(p),
          serviceLevel: "standard",
        },
        { id: `${cause.id}.ship` },
      );
    }),
    PaymentFailed: record("PaymentFailed", async (p, cause) => {
      await client.publish.ReleaseInventory(
        { orderId: p.order.orderId, reservationId: p.reservationId, reason: "payment-failed" },
        { id: `${cause.id}.release` },
      );
    }),
    RefundIssued: record("RefundIssued"),
    ShipmentCreated: record("ShipmentCreated"),
    ShipmentCancelled: record("ShipmentCancelled"),
    ShipmentDispatched: record("ShipmentDispatched", async (p, cause) => {
      await client.publish.OrderShipped(
        {
          orderId: p.order.orderId,
          customerId: p.order.customerId,
          shipmentId: p.shipmentId,
          carrier: "dhl",
          trackingNumber: `JD${p.shipmentId.slice(0, 8).toUpperCase()}`,
          shippedAt: cause.time,
        },
        { id: `${cause.id}.shipped` },
      );
    }),
    CustomerNotified: record("CustomerNotified"),
  };
}
