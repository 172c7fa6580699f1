import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { thrown, until } from "../support/waiting.js";

const spec = (topic: string, name: string): MessageSpec => ({
  name,
  topic,
  type: `dev.eventline.${name}.v1`,
});
const A = spec("a", "Booked");
const B = spec("b", "Shipped");
const STRAY = spec("b", "Stray");
const OTHER = spec("b", "Other");

function setup() {
  const broker = createInMemoryBroker();
  for (const t of ["a", "b", "a.dlq", "b.dlq", "shared.dlq"]) broker.createTopic(t, { partitions: 2 });
  const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
  const publisher = createPublisher({ transport, source: "/test", messages: [A, B, STRAY, OTHER] });
  const dead = (topic: string) =>
    [0, 1].flatMap((p) =>
      broker.inspect
        .records(topic, p)
        .map((r) => `${r.headers["eventline-original-topic"]}: ${r.headers["eventline-error"]}`),
    );
  return { broker, transport, publisher, dead };
}

describe("a consumer with one route per topic", () => {
  it("reads every route's topic as one group member and applies each route's dead letter, attempts and ignored types", async () => {
    const { broker, transport, publisher, dead } = setup();
    const attempts = new Map<string, number>();
    const handle = ({ payload }: { payload: unknown }) => {
      const { id } = payload as { id: string };
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      if (id.startsWith("poison")) throw new Error(`no ${id}`);
    };
    const consumer = createConsumer({
      transport,
      groupId: "ledger",
      routes: [
        { topic: "a", messages: [A], deadLetter: { topic: "a.dlq", maxAttempts: 2 } },
        {
          topic: "b",
          messages: [B],
          deadLetter: { topic: "b.dlq", maxAttempts: 3 },
          ignoreTypes: [OTHER.type],
        },
      ],
      // Not used: every topic has its own route.
      deadLetter: { topic: "shared.dlq", maxAttempts: 9 },
      handlers: { Booked: handle, Shipped: handle },
      sleep: async () => undefined,
    });
    await publisher.publish("Booked", { id: "a1" });
    await publisher.publish("Booked", { id: "poisonA" });
    await publisher.publish("Shipped", { id: "b1" });
    await publisher.publish("Shipped", { id: "poisonB" });
    await publisher.publish("Other", { id: "o1" });
    await publisher.publish("Stray", { id: "s1" });
    const subscription = consumer.start();
    try {
      await until(
        () => consumer.stats.consumed + consumer.stats.deadLettered + consumer.stats.ignored === 6,
        { what: () => JSON.stringify(consumer.stats) },
      );
      expect(broker.inspect.members("ledger").map((m) => m.assignment.length)).toEqual([4]);
    } finally {
      await subscription.stop();
    }
    expect(consumer.stats).toMatchObject({ consumed: 2, deadLettered: 3, ignored: 1, retries: 3 });
    expect(Object.fromEntries(attempts)).toEqual({ a1: 1, poisonA: 2, b1: 1, poisonB: 3 });
    expect(dead("a.dlq")).toEqual(["a: handler failed after 2 attempts: no poisonA"]);
    expect(dead("b.dlq").sort()).toEqual([
      "b: handler failed after 3 attempts: no poisonB",
      'b: unknown message type "dev.eventline.Stray.v1" on b',
    ]);
    expect(dead("shared.dlq")).toEqual([]);
  });

  it("stops on a record of a route without a dead-letter channel, even when another route has one", async () => {
    const { transport, publisher, dead } = setup();
    const consumer = createConsumer({
      transport,
      groupId: "ledger",
      routes: [
        { topic: "a", messages: [A], deadLetter: { topic: "a.dlq", maxAttempts: 1 } },
        { topic: "b", messages: [B] },
      ],
      handlers: { Booked: () => undefined, Shipped: () => Promise.reject(new Error("no")) },
    });
    await publisher.publish("Shipped", { id: "b1" });
    const error = await consumer.start().done.catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    expect(dead("a.dlq")).toEqual([]);
  });

  it("refuses a route listing a message of another topic, and a topic with two routes", () => {
    const { transport } = setup();
    const base = { transport, groupId: "g", handlers: { Booked: () => undefined, Shipped: () => undefined } };
    const cases: [Parameters<typeof createConsumer>[0], string][] = [
      [
        { ...base, routes: [{ topic: "a", messages: [A, B] }] },
        'the route of topic a lists message "Shipped" of topic b',
      ],
      [
        {
          ...base,
          routes: [
            { topic: "a", messages: [A] },
            { topic: "a", messages: [A] },
          ],
        },
        "topic a has more than one route (routes repeats it); merge them into one",
      ],
      [
        { ...base, routes: [{ topic: "a", messages: [A] }], messages: [A] },
        "topic a has more than one route (messages repeats it); merge them into one",
      ],
    ];
    for (const [options, message] of cases) {
      const error = thrown(() => createConsumer(options));
      expect(isEventlineRuntimeError(error) && error.code, message).toBe("CONSUMER_ROUTE_INVALID");
      expect((error as Error).message).toBe(message);
    }
  });
});
