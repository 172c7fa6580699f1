// Defect: the event is marked processed before its effect (publishing PaymentCaptured), so a crash
// between the two loses the effect: the redelivery is skipped as already processed.
import { describe, it } from "vitest";
import { createPaymentsServiceClient } from "../../../examples/saga/generated/payments-service/index.js";
import { checkIdempotent, defineService } from "../../../src/testing/index.js";
import { CORRECT_RUNS, catalog, expectCaught, expectPasses, FAULTY_RUNS, SEED } from "./support.js";

const service = async (markFirst: boolean) =>
  defineService(
    createPaymentsServiceClient,
    {
      durable: () => ({ processed: new Set<string>() }),
      setup: (client, d) =>
        void client.start({
          CapturePayment: async ({ payload, envelope }) => {
            if (d.processed.has(envelope.id)) return;
            if (markFirst) d.processed.add(envelope.id);
            await client.publish.PaymentCaptured(
              {
                orderId: payload.orderId,
                paymentId: payload.paymentId,
                amount: payload.amount,
                pspReference: "psp-1",
                capturedAt: envelope.time,
              },
              { id: `${envelope.id}.captured` },
            );
            if (!markFirst) d.processed.add(envelope.id);
          },
          RefundPayment: () => undefined,
        }),
      state: (d) => d.processed.size,
    },
    { catalog: await catalog() },
  );

describe("mark processed before the effect", () => {
  it("is caught by idempotent", async () => {
    expectCaught(await checkIdempotent(await service(true), { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes when the mark follows the effect", async () => {
    expectPasses(await checkIdempotent(await service(false), { runs: CORRECT_RUNS, seed: SEED }));
  }, 120_000);
});
