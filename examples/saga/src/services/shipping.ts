// The shipping service: books a shipment once per shipmentId; the carrier's collection dispatches it
// later (`dispatchShipment`); a cancellation before dispatch cancels it.
import { createInMemoryIdempotencyStore, type InMemoryIdempotencyStore } from "eventline/runtime";
import type {
  ShippingServiceClient,
  ShippingServiceHandlers,
} from "../../generated/shipping-service/index.js";

export interface ShippingStore {
  inbox: InMemoryIdempotencyStore;
  shipments: Map<string, { orderId: string; status: "created" | "dispatched" | "cancelled" }>;
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
      // A shipment cancelled before its command arrived stays cancelled.
      if (!store.shipments.has(payload.shipmentId))
        store.shipments.set(payload.shipmentId, { orderId: payload.orderId, status: "created" });
      if (store.shipments.get(payload.shipmentId)!.status === "cancelled") return;
      await client.publish.ShipmentCreated(
        {
          orderId: payload.orderId,
          shipmentId: payload.shipmentId,
          warehouseId: "WH-AMS-01",
          carrier: "dhl",
          serviceLevel: payload.serviceLevel,
          trackingNumber: trackingNumber(payload.shipmentId),
          createdAt: envelope.time,
        },
        { id: `${envelope.id}.created` },
      );
    },
    // A dispatched shipment cannot be cancelled (it becomes a return); an unknown one is noted.
    CancelShipment: ({ payload }) => {
      const shipment = store.shipments.get(payload.shipmentId);
      if (!shipment)
        store.shipments.set(payload.shipmentId, { orderId: payload.orderId, status: "cancelled" });
      else if (shipment.status === "created") shipment.status = "cancelled";
    },
  };
}

const trackingNumber = (shipmentId: string) => `JD${shipmentId.slice(0, 8).toUpperCase()}`;

/** The carrier collected the parcel: a created shipment is dispatched (once). */
export async function dispatchShipment(
  client: ShippingServiceClient,
  store: ShippingStore,
  shipmentId: string,
  time: string,
): Promise<void> {
  const shipment = store.shipments.get(shipmentId);
  if (shipment?.status !== "created") return;
  await client.publish.ShipmentDispatched(
    {
      orderId: shipment.orderId,
      shipmentId,
      carrier: "dhl",
      trackingNumber: trackingNumber(shipmentId),
      dispatchedAt: time,
    },
    { id: `${shipmentId}.dispatched` },
  );
  shipment.status = "dispatched";
}
