// The inventory service: holds stock per reservation (all or nothing) and releases it. Keyed by
// reservationId, so a redelivered command finds its reservation instead of holding stock twice.
import { createInMemoryIdempotencyStore, type InMemoryIdempotencyStore } from "eventline/runtime";
import type {
  InventoryServiceClient,
  InventoryServiceHandlers,
} from "../../generated/inventory-service/index.js";

export interface InventoryStore {
  inbox: InMemoryIdempotencyStore;
  /** reservationId → what it holds; released reservations are kept, marked. */
  reservations: Map<
    string,
    { orderId: string; items: { sku: string; quantity: number }[]; released: boolean }
  >;
}

export function createInventoryStore(): InventoryStore {
  return { inbox: createInMemoryIdempotencyStore(), reservations: new Map() };
}

export function inventoryHandlers(
  client: InventoryServiceClient,
  store: InventoryStore,
): InventoryServiceHandlers<undefined> {
  return {
    ReserveInventory: async ({ payload, envelope }) => {
      if (!store.reservations.has(payload.reservationId))
        store.reservations.set(payload.reservationId, {
          orderId: payload.orderId,
          items: payload.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
          released: false,
        });
      await client.publish.InventoryReserved(
        {
          orderId: payload.orderId,
          reservationId: payload.reservationId,
          warehouseId: "WH-AMS-01",
          items: payload.items,
          holdUntil: payload.holdUntil,
          reservedAt: envelope.time,
        },
        { id: `${envelope.id}.reserved` },
      );
    },
    // Releasing an unknown or already released reservation is a no-op (the contract says so).
    ReleaseInventory: ({ payload }) => {
      const held = store.reservations.get(payload.reservationId);
      if (held) held.released = true;
    },
  };
}
