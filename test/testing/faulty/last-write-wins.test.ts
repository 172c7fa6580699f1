// Defect: a last-write-wins update without a version check, on a channel declared
// `x-eventline-ordering: none` (here the inventory commands, declared so for this test): the hold
// kept for an order depends on the order its commands arrive in.
import { describe, it } from "vitest";
import { createInventoryServiceClient } from "../../../examples/saga/generated/inventory-service/index.js";
import { checkReorderTolerant, defineService } from "../../../src/testing/index.js";
import { CORRECT_RUNS, expectCaught, expectPasses, FAULTY_RUNS, SEED, unordered } from "./support.js";

const service = async (checkVersion: boolean) =>
  defineService(
    createInventoryServiceClient,
    {
      durable: () => ({ holdUntil: new Map<string, string>() }),
      setup: (client, d) =>
        void client.start({
          ReserveInventory: ({ payload }) => {
            const current = d.holdUntil.get(payload.orderId);
            // The version is the hold's end: a later command extends the hold, an older one never shortens it.
            if (checkVersion && current !== undefined && current >= payload.holdUntil) return;
            d.holdUntil.set(payload.orderId, payload.holdUntil);
          },
          ReleaseInventory: () => undefined,
        }),
      state: (d) => d.holdUntil,
    },
    { catalog: await unordered("inventory.commands.v1") },
  );

describe("last write wins without a version check on an unordered channel", () => {
  it("is caught by reorder-tolerant", async () => {
    expectCaught(await checkReorderTolerant(await service(false), { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes with the version check", async () => {
    expectPasses(await checkReorderTolerant(await service(true), { runs: CORRECT_RUNS, seed: SEED }));
  }, 120_000);
});
