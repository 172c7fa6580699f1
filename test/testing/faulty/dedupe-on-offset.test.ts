// Defect: deduplication keyed on the record's offset, which differs when the producer publishes the
// same event twice (same ce_id, a new offset).
import { describe, it } from "vitest";
import { createPaymentsServiceClient } from "../../../examples/saga/generated/payments-service/index.js";
import { checkIdempotent, defineService } from "../../../src/testing/index.js";
import { CORRECT_RUNS, catalog, expectCaught, expectPasses, FAULTY_RUNS, SEED } from "./support.js";

const service = async (
  dedupeKey: (e: { partition: number; offset: number; envelope: { id: string } }) => string,
) =>
  defineService(
    createPaymentsServiceClient,
    {
      durable: () => ({ seen: new Set<string>(), captures: 0 }),
      setup: (client, d) =>
        void client.start({
          CapturePayment: (event) => {
            const key = dedupeKey(event);
            if (d.seen.has(key)) return;
            d.seen.add(key);
            d.captures++;
          },
          RefundPayment: () => undefined,
        }),
      state: (d) => d.captures,
    },
    { catalog: await catalog() },
  );

describe("dedupe keyed on the offset", () => {
  it("is caught by idempotent", async () => {
    const faulty = await service((e) => `${e.partition}:${e.offset}`);
    expectCaught(await checkIdempotent(faulty, { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes when keyed on the event id", async () => {
    const correct = await service((e) => e.envelope.id);
    expectPasses(await checkIdempotent(correct, { runs: CORRECT_RUNS, seed: SEED }));
  }, 120_000);
});
