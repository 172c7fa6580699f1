// The payments service: captures and refunds, each at most once per paymentId / refundId. Its
// answers carry ids derived from the command's, so a redelivered command re-sends the same event.
import { createInMemoryIdempotencyStore, type InMemoryIdempotencyStore } from "eventline/runtime";
import type {
  PaymentsServiceClient,
  PaymentsServiceHandlers,
} from "../../generated/payments-service/index.js";

export interface PaymentsStore {
  inbox: InMemoryIdempotencyStore;
  captured: Map<string, { orderId: string; amount: string; currency: string }>;
  refunded: Map<string, { paymentId: string; amount: string }>;
}

export function createPaymentsStore(): PaymentsStore {
  return { inbox: createInMemoryIdempotencyStore(), captured: new Map(), refunded: new Map() };
}

export function paymentsHandlers(
  client: PaymentsServiceClient,
  store: PaymentsStore,
): PaymentsServiceHandlers<undefined> {
  return {
    CapturePayment: async ({ payload, envelope }) => {
      if (!store.captured.has(payload.paymentId))
        store.captured.set(payload.paymentId, {
          orderId: payload.orderId,
          amount: payload.amount.amount,
          currency: payload.amount.currency,
        });
      await client.publish.PaymentCaptured(
        {
          orderId: payload.orderId,
          paymentId: payload.paymentId,
          amount: payload.amount,
          pspReference: `psp-${payload.paymentId.slice(0, 8)}`,
          capturedAt: envelope.time,
        },
        { id: `${envelope.id}.captured` },
      );
    },
    RefundPayment: ({ payload }) => {
      if (!store.refunded.has(payload.refundId))
        store.refunded.set(payload.refundId, { paymentId: payload.paymentId, amount: payload.amount.amount });
    },
  };
}
