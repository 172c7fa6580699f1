import { expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";

const spec = (name: string): MessageSpec => ({
  name,
  topic: "payments.events.v1",
  type: `payments.${name}.v1`,
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

it("skips types the topic declares for other consumers, and still dead-letters undeclared ones", async () => {
  const broker = createInMemoryBroker();
  broker.createTopic("payments.events.v1");
  broker.createTopic("dead-letter");
  const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
  const publisher = createPublisher({
    transport,
    source: "/services/payments",
    messages: [spec("PaymentCaptured"), spec("RefundIssued"), spec("Surprise")],
  });
  await publisher.publish("PaymentCaptured", {});
  await publisher.publish("Surprise", {});
  await publisher.publish("RefundIssued", {});
  const handled: string[] = [];
  const consumer = createConsumer({
    transport,
    groupId: "notifications",
    messages: [spec("RefundIssued")],
    handlers: { RefundIssued: ({ name }) => void handled.push(name) },
    ignoreTypes: [{ topic: "payments.events.v1", type: "payments.PaymentCaptured.v1" }],
    deadLetter: { topic: "dead-letter", maxAttempts: 1 },
  });
  const subscription = consumer.start();
  await until(() => handled.length === 1);
  await subscription.stop();
  expect(consumer.stats).toMatchObject({ consumed: 1, ignored: 1, deadLettered: 1 });
  const [dead] = broker.inspect.records("dead-letter", 0);
  expect(dead?.headers["eventline-error"]).toBe(
    'unknown message type "payments.Surprise.v1" on payments.events.v1',
  );
  expect(broker.inspect.committed("notifications", "payments.events.v1", 0)).toBe(3);
});
