// The example platform's services (the handlers the demo runs) pass every property that applies to
// what they receive, and the orders service its fulfilment saga.
import { describe, expect, it } from "vitest";
import { checkAll, formatResult } from "../../src/testing/index.js";
import { inventory, notifications, orders, payments, shipping } from "./support/platform.js";

const RUNS = Number(process.env.EVENTLINE_TESTING_RUNS ?? 60);

describe.each([
  ["payments-service", payments],
  ["inventory-service", inventory],
  ["shipping-service", shipping],
  ["notifications-service", notifications],
  ["orders-service", orders],
])("%s", (name, service) => {
  it(`is idempotent, reorder-tolerant and dead-letters its poison messages (${RUNS} runs each)`, async () => {
    const subject = (await service()) as unknown as Parameters<typeof checkAll>[0];
    const results = await checkAll(subject, { runs: RUNS });
    for (const r of results) expect(r.ok, formatResult(r)).toBe(true);
    // The orders service orchestrates the fulfilment saga, so checkAll runs saga on it too.
    const saga = name === "orders-service" ? ["saga"] : [];
    expect(results.map((r) => r.property)).toEqual([
      "idempotent",
      "reorder-tolerant",
      "dead-letters",
      ...saga,
    ]);
    expect(results.every((r) => r.skipped !== undefined || r.runs === RUNS)).toBe(true);
  }, 120_000);
});

describe("orders-service event-sourced order", () => {
  it("replays: full, incremental, snapshot plus tail and twice agree, without clock or randomness", async () => {
    const { checkReplay } = await import("../../src/testing/index.js");
    const { initialOrder, orderFold } = await import("../../examples/saga/src/services/orders.js");
    const fc = (await import("fast-check")).default;
    const events = fc.array(
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
        orderId: fc.constant("o-1"),
      }),
      { maxLength: 12 },
    );
    const result = await checkReplay(
      { name: "orders", events, initial: initialOrder, fold: orderFold },
      { runs: RUNS },
    );
    expect(result.ok, formatResult(result)).toBe(true);
  });
});
