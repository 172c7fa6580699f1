import { describe, expect, it } from "vitest";
import { createConsumer } from "../../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../../src/runtime/message-spec.js";
import { partitionForKey } from "../../../src/runtime/murmur2.js";
import { createPublisher } from "../../../src/runtime/publisher.js";
import { gate, thrown, until } from "../../support/waiting.js";

const spec = (topic: string): MessageSpec => ({
  name: `Evt_${topic}`,
  topic,
  type: `dev.eventline.${topic}.v1`,
  partitionKey: "/id",
});

describe("in-memory consumer groups whose members subscribe to different topics", () => {
  it("refuses the member with a typed error naming the group and both subscriptions", () => {
    const broker = createInMemoryBroker();
    for (const t of ["payments", "shipping", "inventory"]) broker.createTopic(t, { partitions: 3 });
    broker.join("orders-service", ["payments", "inventory"]);
    const error = thrown(() => broker.join("orders-service", ["shipping"]));
    expect(isEventlineRuntimeError(error) && error.code).toBe("GROUP_SUBSCRIPTION_MISMATCH");
    expect((error as Error).message).toBe(
      'consumer group "orders-service": a member subscribing to [shipping] cannot join members subscribing to [inventory, payments]; on Kafka (kafkajs) the group leader assigns only the topics it subscribes to and members drop the others, so partitions would go unread. Subscribe every member of a group to the same topics: one consumer per group.',
    );
    // Nothing changed for the group that is there.
    expect(broker.inspect.members("orders-service")).toHaveLength(1);
  });

  it("accepts the same topics in another order, and any topics once the group is empty", () => {
    const broker = createInMemoryBroker();
    for (const t of ["a", "b"]) broker.createTopic(t, { partitions: 2 });
    const first = broker.join("g", ["a", "b"]);
    const second = broker.join("g", ["b", "a"]);
    expect([...first.assignment(), ...second.assignment()]).toHaveLength(4);
    first.leave();
    second.leave();
    expect(broker.join("g", ["a"]).assignment()).toHaveLength(2);
  });

  it("makes a second consumer of the group over another topic fail at start()", () => {
    const broker = createInMemoryBroker();
    broker.createTopic("a");
    broker.createTopic("b");
    const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const consumer = (topic: string) =>
      createConsumer({
        transport,
        groupId: "g",
        messages: [spec(topic)],
        handlers: { [spec(topic).name]: () => undefined },
      });
    const running = consumer("a").start();
    const error = thrown(() => consumer("b").start());
    expect(isEventlineRuntimeError(error) && error.code).toBe("GROUP_SUBSCRIPTION_MISMATCH");
    return running.stop();
  });
});

describe("in-memory rebalances and the record in flight", () => {
  /** A consumer of `topic` whose handler waits for `release` on every record; `calls` counts runs. */
  async function blocked(partitions: number, key: string) {
    const broker = createInMemoryBroker();
    broker.createTopic("t", { partitions });
    const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const sent = await createPublisher({ transport, source: "/test", messages: [spec("t")] }).publish(
      "Evt_t",
      { id: key },
    );
    const release = gate();
    let calls = 0;
    const make = () =>
      createConsumer({
        transport,
        groupId: "g",
        messages: [spec("t")],
        handlers: {
          Evt_t: async () => {
            calls++;
            await release.opened;
          },
        },
      });
    const first = make();
    const subscription = first.start();
    await until(() => calls === 1);
    return { broker, sent, release, make, first, subscription, calls: () => calls };
  }

  it("creating a topic the group does not read neither rebalances it nor runs the handler again", async () => {
    const { broker, release, first, subscription, calls } = await blocked(1, "k");
    const before = broker.inspect.members("g");
    broker.createTopic("unrelated", { partitions: 4 });
    release.open();
    await until(() => first.stats.consumed >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(broker.inspect.members("g")).toEqual(before);
    await subscription.stop();
    expect(calls()).toBe(1);
    expect(broker.inspect.committed("g", "t", 0)).toBe(1);
  });

  it.each([
    ["kept", 1, "k"],
    // Range assignment: with two members the second one gets partition 1, where the record is.
    ["moved to the new member", 2, ["a", "b", "c", "d", "e"].find((k) => partitionForKey(k, 2) === 1)!],
  ] as const)(
    "a member joining while a record is in flight: the record commits and is not handled again (partition %s)",
    async (_, partitions, key) => {
      const { broker, sent, release, make, first, subscription, calls } = await blocked(partitions, key);
      const second = make();
      const other = second.start();
      const owner = broker.inspect.members("g")[partitions - 1]!;
      expect(owner.assignment).toEqual([{ topic: "t", partition: sent.partition }]);
      release.open();
      await until(() => first.stats.consumed >= 1);
      await new Promise((r) => setTimeout(r, 50));
      await Promise.all([subscription.stop(), other.stop()]);
      expect(calls()).toBe(1);
      expect(second.stats.consumed).toBe(0);
      expect(broker.inspect.committed("g", "t", sent.partition)).toBe(1);
    },
  );
});
