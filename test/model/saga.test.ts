import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/model/load-catalog.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("x-eventline-saga in the model", () => {
  it("exposes the example platform's fulfilment saga on the orders service, with resolved messages", async () => {
    const { catalog } = await loadCatalog({
      root: ROOT,
      cwd: ROOT,
      configFile: false,
      config: { cache: { enabled: false } },
    });
    const orders = catalog.services.find((s) => s.sagas !== undefined);
    expect(orders?.id).toBe("orders-service");
    const saga = orders!.sagas![0]!;
    expect(saga.id).toBe("orders-service/fulfilment");
    expect(
      saga.steps.map((s) => [
        s.name,
        s.action?.messageName,
        s.success?.messageName,
        s.failure?.messageName,
        s.compensation === "none" ? "none" : s.compensation?.messageName,
        s.compensated?.messageName,
      ]),
    ).toEqual([
      [
        "reserve-inventory",
        "ReserveInventory",
        "InventoryReserved",
        "InventoryReservationFailed",
        "ReleaseInventory",
        "InventoryReleased",
      ],
      [
        "capture-payment",
        "CapturePayment",
        "PaymentCaptured",
        "PaymentFailed",
        "RefundPayment",
        "RefundIssued",
      ],
      [
        "create-shipment",
        "CreateShipment",
        "ShipmentCreated",
        undefined,
        "CancelShipment",
        "ShipmentCancelled",
      ],
      ["send-confirmation", "OrderConfirmed", "CustomerNotified", undefined, "none", undefined],
    ]);
    expect(saga.steps[2]!.timeout).toBe(600000);
    expect(saga.source).toMatchObject({ file: "asyncapi/orders.yaml", pointer: "/x-eventline-saga" });
    expect(saga.steps[0]!.action!.source.line).toBeGreaterThan(saga.source.line);
  });
});
