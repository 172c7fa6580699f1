// Defect: a projection that stamps the wall clock while it folds, so every replay differs.
import fc from "fast-check";
import { describe, it } from "vitest";
import {
  initialOrder,
  type OrderEvent,
  type OrderState,
  orderFold,
} from "../../../examples/saga/src/services/orders.js";
import { checkReplay } from "../../../src/testing/index.js";
import { CORRECT_RUNS, expectCaught, expectPasses, FAULTY_RUNS, SEED } from "./support.js";

const events: fc.Arbitrary<OrderEvent[]> = fc.array(
  fc.record({
    id: fc.uuid(),
    type: fc.constantFrom(
      "OrderPlaced",
      "InventoryReserved",
      "PaymentCaptured",
      "PaymentFailed",
      "ShipmentDispatched",
    ),
    at: fc.integer({ min: 1.7e12, max: 1.8e12 }).map((t) => new Date(t).toISOString()),
    orderId: fc.constantFrom("o-1", "o-2"),
  }),
  { maxLength: 8 },
);

describe("a projection that reads the wall clock during replay", () => {
  it("is caught by replay", async () => {
    const stamped = (s: OrderState & { rebuiltAt?: number }, e: OrderEvent) => ({
      ...orderFold(s, e),
      rebuiltAt: Date.now(),
    });
    expectCaught(
      await checkReplay(
        { name: "stamped orders", events, initial: initialOrder, fold: stamped },
        { runs: FAULTY_RUNS, seed: SEED },
      ),
    );
  });

  it("passes when the time comes with the event", async () => {
    expectPasses(
      await checkReplay(
        { name: "orders", events, initial: initialOrder, fold: orderFold },
        { runs: CORRECT_RUNS, seed: SEED },
      ),
    );
  });
});
