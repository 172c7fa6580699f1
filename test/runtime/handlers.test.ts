import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";

const spec = (name: string): MessageSpec => ({
  name,
  topic: "payments.events.v1",
  type: `dev.eventline.payments.${name}.v1`,
});

describe("a consumer without a handler for every received message", () => {
  const transport = createInMemoryTransport(createInMemoryBroker());
  const messages = ["PaymentCaptured", "PaymentFailed", "RefundIssued"].map(spec);

  it("names every missing handler at once, not only the first", () => {
    expect(() =>
      createConsumer({
        transport,
        groupId: "orders-service",
        messages,
        handlers: { PaymentFailed: () => {} },
      }),
    ).toThrow(
      expect.objectContaining({
        code: "HANDLER_MISSING",
        message:
          'consumer group "orders-service": no handler for 2 received messages: "PaymentCaptured", "RefundIssued" (the contract says each of them arrives, so each needs one)',
      }),
    );
  });

  it("counts a value that is not a function as missing", () => {
    const handlers = { PaymentCaptured: "nope" as never };
    expect(() =>
      createConsumer({ transport, groupId: "g", messages: [spec("PaymentCaptured")], handlers }),
    ).toThrow(/no handler for received message "PaymentCaptured"/);
  });
});
