import { describe, expect, it } from "vitest";
import { createOrdersServiceClient } from "../../examples/saga/generated/orders-service/index.js";
import { createInMemoryBroker, createInMemoryTransport } from "../../src/runtime/index.js";

// The committed golden client of the example platform: orders receives ten messages in four groups.
describe("a generated client started without every handler (JavaScript, or a cast)", () => {
  it("names every missing handler of every group at once and starts nothing", () => {
    const orders = createOrdersServiceClient({ transport: createInMemoryTransport(createInMemoryBroker()) });
    const partial = { PaymentCaptured: () => undefined, ShipmentCreated: () => undefined };
    expect(() => orders.start(partial as never)).toThrow(
      'orders-service client: no handler for 8 received messages: "InventoryReserved", ' +
        '"InventoryReservationFailed", "InventoryReleased", "CustomerNotified", "PaymentFailed", ' +
        '"RefundIssued", "ShipmentDispatched", "ShipmentCancelled" (the contract says each of them arrives, so each needs one)',
    );
    expect(orders.stats()).toEqual({});
  });

  it("throws HANDLER_MISSING when called with no handlers at all", () => {
    const orders = createOrdersServiceClient({ transport: createInMemoryTransport(createInMemoryBroker()) });
    expect(() => (orders.start as () => unknown)()).toThrow(
      expect.objectContaining({
        code: "HANDLER_MISSING",
        message: expect.stringContaining("10 received messages"),
      }),
    );
  });
});
