// Compile-time guarantees of the generated clients. Never run: `tsc -p examples/saga` (part of
// `npm test`) fails if any line marked @ts-expect-error stops being an error.
import { createInMemoryBroker, createInMemoryTransport } from "eventline/runtime";
import { createOrdersServiceClient } from "../generated/orders-service/index.js";
import {
  createPaymentsServiceClient,
  type PaymentsServiceHandlers,
} from "../generated/payments-service/index.js";

const transport = createInMemoryTransport(createInMemoryBroker());
const orders = createOrdersServiceClient({ transport });
const payments = createPaymentsServiceClient({ transport });

export async function typeTests(): Promise<void> {
  const ok = {
    orderId: "6f1c0a52-9b43-4a53-a8c1-0e1b5e0e2f41",
    paymentId: "3b0a6c1e-2d4f-4c8e-9a7b-5e6f7a8b9c0d",
    amount: { amount: "10.00", currency: "EUR" },
  };
  await orders.publish.CapturePayment(ok);

  // A wrong payload type.
  // @ts-expect-error amount must be a Money object, not a number
  await orders.publish.CapturePayment({ ...ok, amount: 10 });

  // A missing required field.
  // @ts-expect-error paymentId is required
  await orders.publish.CapturePayment({ orderId: ok.orderId, amount: ok.amount });

  // A property the closed schema does not declare.
  // @ts-expect-error CapturePayment has additionalProperties: false
  await orders.publish.CapturePayment({ ...ok, tip: "1.00" });

  // Publishing a message the service only receives.
  // @ts-expect-error orders receives PaymentCaptured, it never sends it
  await orders.publish.PaymentCaptured({});

  // Handlers get the typed payload.
  const capture: PaymentsServiceHandlers<undefined>["CapturePayment"] = ({ payload }) => {
    const id: string = payload.paymentId;
    // @ts-expect-error no such field on CapturePayment
    void payload.refundId;
    void id;
  };
  const refund: PaymentsServiceHandlers<undefined>["RefundPayment"] = () => undefined;
  await payments.start({ CapturePayment: capture, RefundPayment: refund }).stop();

  // A received message left without a handler: the contract says it arrives, so it must be handled.
  // @ts-expect-error payments also receives RefundPayment, which has no handler here
  payments.start({ CapturePayment: capture });

  // Handling a message the service only sends.
  // @ts-expect-error payments sends PaymentCaptured, it never receives it
  payments.start({ CapturePayment: capture, RefundPayment: refund, PaymentCaptured: () => undefined });

  // Headers are typed too.
  // @ts-expect-error ce_specversion is the constant "1.0"
  await orders.publish.CapturePayment(ok, { headers: { ce_specversion: "2.0" } });
}
