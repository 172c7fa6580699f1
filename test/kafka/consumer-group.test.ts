import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import type { Subscription } from "../../src/runtime/transport.js";
import { importGeneratedClient } from "../codegen/support/generated-client.js";
import {
  type LedgerClient as Client,
  type LedgerModule as ClientModule,
  type LedgerHandler,
  ledgerDocument,
  ledgerFactory,
} from "../codegen/support/ledger.js";
import { until } from "../support/waiting.js";
import { brokersOrSkip } from "./broker.js";
import { kafkaFixture } from "./fixture.js";

// Read at collection time so the file can be skipped (with its reason) when there is no broker.
const brokers = brokersOrSkip("Kafka consumer-group tests");
const available = brokers.length > 0;

describe.runIf(available)("one consumer group over several topics (real broker)", () => {
  const { admin, run, transport, createTopics } = kafkaFixture(brokers, "eventline-group-tests");
  let n = 0;

  async function setup() {
    const names = { a: `ledger-a-${run}-${++n}`, b: `ledger-b-${run}-${n}`, group: `ledger-${run}-${n}` };
    await createTopics([names.a, names.b, `${names.a}.dead`, `${names.b}.dead`], 3);
    const module = await importGeneratedClient<ClientModule>(ledgerDocument(names));
    const factory = ledgerFactory(module);
    // One transport per instance, as two processes would have.
    const make = () => factory({ transport: transport() });
    // Counts per record id: what the handlers saw, across every instance.
    const seen = new Map<string, number>();
    const count: LedgerHandler = ({ payload }) => void seen.set(payload.id, (seen.get(payload.id) ?? 0) + 1);
    const handlers = { EntryA: count, EntryB: count };
    const ids: string[] = [];
    const publishAll = async (client: Client, perTopic: number) => {
      for (let i = 0; i < perTopic; i++) {
        for (const [message, prefix] of [
          ["EntryA", "a"],
          ["EntryB", "b"],
        ] as const) {
          const id = `${prefix}${i}`;
          ids.push(id);
          await client.publish[message]!({ id });
        }
      }
    };
    const missing = () => {
      const a = ids.filter((id) => id.startsWith("a") && !seen.has(id)).length;
      const b = ids.filter((id) => id.startsWith("b") && !seen.has(id)).length;
      return `every record (unread: ${a} of topic a, ${b} of topic b)`;
    };
    return { names, make, handlers, seen, ids, publishAll, missing };
  }

  it("a generated client whose group receives two topics reads every partition of both", async () => {
    const { make, handlers, seen, ids, publishAll, missing } = await setup();
    const client = make();
    await publishAll(client, 30);
    client.start(handlers);
    try {
      await until(() => ids.every((id) => seen.has(id)), { ms: 30_000, what: missing, every: 50 });
    } finally {
      await client.stop();
    }
    expect([...seen].filter(([, count]) => count !== 1)).toEqual([]);
  }, 90_000);

  it("two instances (two members of the group, both over both topics) handle every record exactly once", async () => {
    const { names, make, handlers, seen, ids, publishAll, missing } = await setup();
    const first = make();
    const second = make();
    const consumed = (client: Client) =>
      Object.values(client.stats()).reduce((sum, stats) => sum + stats.consumed, 0);
    let byFirst = 0;
    let bySecond = 0;
    first.start(handlers);
    second.start(handlers);
    try {
      // Records are published once both members are in and the group is stable, so no rebalance
      // happens while they are handled: every record is handled once, by one of them.
      await until(
        async () => {
          const [group] = (await admin.describeGroups([names.group])).groups;
          return group?.state === "Stable" && group.members.length >= 2;
        },
        { ms: 30_000, what: "both members to join the group", every: 50 },
      );
      await publishAll(first, 30);
      await until(() => ids.every((id) => seen.has(id)), { ms: 30_000, what: missing, every: 50 });
      // Time for a duplicate to show up, if there were one.
      await new Promise((r) => setTimeout(r, 1_000));
      byFirst = consumed(first);
      bySecond = consumed(second);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(seen.size).toBe(60);
    expect([...seen].filter(([, count]) => count !== 1)).toEqual([]);
    // Both members did part of the work, and between them all of it.
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    expect(byFirst + bySecond).toBe(60);
  }, 120_000);

  it("two consumers of one group over different topics (the former client's design) never leave partitions unread silently", async () => {
    const topics = { a: `split-a-${run}-${++n}`, b: `split-b-${run}-${n}` };
    const group = `split-${run}-${n}`;
    await createTopics([topics.a, topics.b], 3);
    const shared = transport();
    const specs = {
      a: { name: "EntryA", topic: topics.a, type: "dev.eventline.EntryA.v1", partitionKey: "/id" },
      b: { name: "EntryB", topic: topics.b, type: "dev.eventline.EntryB.v1", partitionKey: "/id" },
    };
    const publisher = createPublisher({ transport: shared, source: "/test", messages: [specs.a, specs.b] });
    for (let i = 0; i < 30; i++) {
      await publisher.publish("EntryA", { id: `a${i}` });
      await publisher.publish("EntryB", { id: `b${i}` });
    }
    const seen = { a: new Set<string>(), b: new Set<string>() };
    const consumer = (side: "a" | "b") =>
      createConsumer({
        transport: shared,
        groupId: group,
        messages: [specs[side]],
        handlers: {
          [specs[side].name]: ({ payload }) => void seen[side].add((payload as { id: string }).id),
        },
      });
    const first = consumer("a").start();
    let second: Subscription | undefined;
    let refused: unknown;
    try {
      try {
        second = consumer("b").start();
      } catch (error) {
        refused = error;
      }
      // Without the refusal this is where partitions stay unread: kafkajs's group leader assigns only
      // its own topic, and each member drops what it did not subscribe to.
      if (!refused) {
        await until(() => seen.a.size === 30 && seen.b.size === 30, {
          ms: 20_000,
          what: () => `every record (unread: ${30 - seen.a.size} of topic a, ${30 - seen.b.size} of topic b)`,
          every: 50,
        });
      }
    } finally {
      await Promise.all([first.stop(), second?.stop()]);
    }
    expect(isEventlineRuntimeError(refused) && refused.code).toBe("GROUP_SUBSCRIPTION_MISMATCH");
    expect((refused as Error).message).toContain(
      `consumer group "${group}": a member subscribing to [${topics.b}] cannot join members subscribing to [${topics.a}]`,
    );
    // Once the group's member in this process has stopped, the group may read other topics.
    await consumer("b").start().stop();
  }, 90_000);
});
