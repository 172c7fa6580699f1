// The shipping service: books a shipment once per shipmentId and dispatches it; a cancellation
// before dispatch cancels it.
import { createInMemoryIdempotencyStore, type InMemoryIdempotencyStore } from "eventline/runtime";
import type {
  ShippingServiceClient,
  ShippingServiceHandlers,
} from "../../generated/shipping-service/index.js";

export interface ShippingStore {
  inbox: InMemoryIdempotencyStore;
  shipments: Map<string, { orderId: string; status: "dispatched" | "cancelled" }>;
}

export function createShippingStore(): ShippingStore {
  return { inbox: createInMemoryIdempotencyStore(), shipments: new Map() };
}

export function shippingHandlers(
  client: ShippingServiceClient,
  store: ShippingStore,
): ShippingServiceHandlers<undefined> {
  return {
    CreateShipment: async ({ payload, envelope }) => {
      if (!store.shipments.has(payload.shipmentId))
        store.shipments.set(payload.shipmentId, { orderId: payload.orderId, status: "dispatched" });
      const trackingNumber = `JD${payload.shipmentId.slice(0, 8).toUpperCase()}`;
      await client.publish.ShipmentCreated(
        {
          orderId: payload.orderId,
          shipmentId: payload.shipmentId,
          warehouseId: "WH-AMS-01",
          carrier: "dhl",
          serviceLevel: payload.serviceLevel,
          trackingNumber,
          createdAt: envelope.time,
        },
        { id: `${envelope.id}.created` },
      );
      await client.publish.ShipmentDispatched(
        {
          orderId: payload.orderId,
          shipmentId: payload.shipmentId,
          carrier: "dhl",
          trackingNumber,
          dispatchedAt: envelope.time,
        },
        { id: `${envelope.id}.dispatched` },
      );
    },
    // A dispatched shipment cannot be cancelled (it becomes a return); an unknown one is noted.
    CancelShipment: ({ payload }) => {
      if (!store.shipments.has(payload.shipmentId))
        store.shipments.set(payload.shipmentId, { orderId: payload.orderId, status: "cancelled" });
    },
  };
}
