// Defect: the inbox is transactional but the effect is written outside its transaction, so a crash
// after the effect rolls back the processed-marker and keeps the effect: the redelivery adds it again.
import { describe, it } from "vitest";
import { createPaymentsServiceClient } from "../../../examples/saga/generated/payments-service/index.js";
import { checkIdempotent, defineService } from "../../../src/testing/index.js";
import {
  CORRECT_RUNS,
  catalog,
  expectCaught,
  expectPasses,
  FAULTY_RUNS,
  SEED,
  type Tx,
  transactionalInbox,
} from "./support.js";

const service = async (inTransaction: boolean) =>
  defineService(
    createPaymentsServiceClient,
    {
      durable: () => ({ inbox: transactionalInbox(), capturedCents: 0 }),
      idempotency: (d) => d.inbox as never,
      setup: (client, d) =>
        void client.start({
          CapturePayment: ({ payload, transaction }) => {
            const add = () => {
              d.capturedCents += Math.round(Number(payload.amount.amount) * 100);
            };
            if (inTransaction) (transaction as unknown as Tx).write(add);
            else add();
          },
          RefundPayment: () => undefined,
        }),
      state: (d) => d.capturedCents,
    },
    { catalog: await catalog() },
  );

describe("effect outside the inbox transaction", () => {
  it("is caught by idempotent", async () => {
    expectCaught(await checkIdempotent(await service(false), { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes when the effect is written in the transaction", async () => {
    expectPasses(await checkIdempotent(await service(true), { runs: CORRECT_RUNS, seed: SEED }));
  }, 120_000);
});
