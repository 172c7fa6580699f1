// Defect: state that depends on how deliveries of different keys interleave (the last order seen).
import { describe, it } from "vitest";
import { createInventoryServiceClient } from "../../../examples/saga/generated/inventory-service/index.js";
import { checkReorderTolerant, defineService } from "../../../src/testing/index.js";
import { CORRECT_RUNS, catalog, expectCaught, expectPasses, FAULTY_RUNS, SEED } from "./support.js";

const service = async (perOrder: boolean) =>
  defineService(
    createInventoryServiceClient,
    {
      durable: () => ({ last: "", held: new Map<string, number>() }),
      setup: (client, d) =>
        void client.start({
          ReserveInventory: ({ payload }) => {
            if (perOrder) d.held.set(payload.orderId, (d.held.get(payload.orderId) ?? 0) + 1);
            else d.last = payload.orderId;
          },
          ReleaseInventory: () => undefined,
        }),
      state: (d) => (perOrder ? d.held : d.last),
    },
    { catalog: await catalog() },
  );

describe("state that depends on cross-key arrival order", () => {
  it("is caught by reorder-tolerant", async () => {
    expectCaught(await checkReorderTolerant(await service(false), { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes when the state is kept per key", async () => {
    expectPasses(await checkReorderTolerant(await service(true), { runs: CORRECT_RUNS, seed: SEED }));
  }, 120_000);
});
