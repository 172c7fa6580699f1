import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { runSaga } from "../../examples/saga/src/saga.js";

const ROOT = resolve(import.meta.dirname, "../..");

it("runs the order saga end to end on the in-memory broker through the generated clients", async () => {
  const result = await runSaga();
  expect(result.trail).toEqual([
    "orders: OrderCreated",
    "inventory: ReserveInventory",
    "orders: InventoryReserved",
    "payments: CapturePayment",
    "orders: PaymentCaptured",
    "shipping: CreateShipment",
    "orders: ShipmentCreated",
    "orders: CustomerNotified",
    "orders: ShipmentDispatched",
  ]);
  expect(result.notified).toEqual(["OrderCreated", "OrderConfirmed", "OrderShipped"]);
  expect(result.deadLetters).toEqual([]);
  expect(result.topics["orders.events.v1"]).toBe(3);
});

it("type-checks the example and the type tests (each @ts-expect-error must still be an error)", () => {
  const tsc = spawnSync(
    process.execPath,
    [resolve(ROOT, "node_modules/typescript/bin/tsc"), "-p", "examples/saga/tsconfig.json", "--noEmit"],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.status).toBe(0);
}, 180_000);
