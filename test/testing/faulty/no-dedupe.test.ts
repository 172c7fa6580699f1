// Defect: no deduplication — a counter incremented once per delivery counts a redelivery twice.
import { describe, it } from "vitest";
import { createPaymentsServiceClient } from "../../../examples/saga/generated/payments-service/index.js";
import { createInMemoryIdempotencyStore } from "../../../src/runtime/index.js";
import { checkIdempotent, defineService } from "../../../src/testing/index.js";
import { CORRECT_RUNS, catalog, expectCaught, expectPasses, FAULTY_RUNS, SEED } from "./support.js";

describe("no dedupe", () => {
  it("is caught by idempotent", async () => {
    const faulty = await defineService(
      createPaymentsServiceClient,
      {
        durable: () => ({ captures: 0 }),
        setup: (client, d) =>
          void client.start({
            CapturePayment: () => {
              d.captures++;
            },
            RefundPayment: () => undefined,
          }),
        state: (d) => d.captures,
      },
      { catalog: await catalog() },
    );
    expectCaught(await checkIdempotent(faulty, { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes when the inbox deduplicates and the effect is keyed by the payment", async () => {
    const correct = await defineService(
      createPaymentsServiceClient,
      {
        durable: () => ({ inbox: createInMemoryIdempotencyStore(), captured: new Set<string>() }),
        idempotency: (d) => d.inbox,
        setup: (client, d) =>
          void client.start({
            CapturePayment: ({ payload }) => {
              d.captured.add(payload.paymentId);
            },
            RefundPayment: () => undefined,
          }),
        state: (d) => d.captured.size,
      },
      { catalog: await catalog() },
    );
    expectPasses(await checkIdempotent(correct, { runs: CORRECT_RUNS, seed: SEED }));
  }, 120_000);
});
