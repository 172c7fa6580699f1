import { expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryIdempotencyStore } from "../../src/runtime/idempotency.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { partitionForKey } from "../../src/runtime/murmur2.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import type { DeliveredRecord, Transport } from "../../src/runtime/transport.js";
import { gate } from "../support/waiting.js";

/** What each transport's test file provides: fresh, uniquely named topics per test. */
export interface TransportFixture {
  transport: Transport;
  /** Creates a topic and returns its (unique) name. */
  topic(base: string, partitions: number): Promise<string>;
  /** Reads back every record of a topic (for dead-letter assertions). */
  readAll(topic: string, expected: number): Promise<DeliveredRecord[]>;
  group(base: string): string;
  /** The group's committed offset of one partition (the next offset it will read), if any. */
  committed(group: string, topic: string, partition: number): Promise<number | undefined>;
}

const spec = (topic: string): MessageSpec => ({
  name: "OrderCreated",
  topic,
  type: "dev.eventline.orders.OrderCreated.v1",
  partitionKey: "/orderId",
});

async function until(condition: () => boolean, ms = 30_000, what = "the consumer"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The first key of the form `<prefix><n>` that Kafka's default partitioner puts on `partition`. */
function keyOn(prefix: string, partition: number, partitions: number): string {
  for (let n = 0; ; n++)
    if (partitionForKey(`${prefix}${n}`, partitions) === partition) return `${prefix}${n}`;
}

interface Order {
  orderId: string;
  n: number;
  poison: boolean;
}

/**
 * The handler of the poison-message tests: a poison order fails every attempt (counted per `n` in
 * `attempts`, then `onPoison` is told the attempt number); any other order goes to `onGood`.
 */
function poisonHandler(
  attempts: Map<number, number>,
  onGood: (order: Order) => void,
  onPoison: (order: Order, attempt: number) => void = () => undefined,
) {
  return ({ payload }: { payload: unknown }) => {
    const order = payload as Order;
    if (!order.poison) return onGood(order);
    const attempt = (attempts.get(order.n) ?? 0) + 1;
    attempts.set(order.n, attempt);
    onPoison(order, attempt);
    throw new Error(`cannot bill ${order.n}`);
  };
}

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

/** One behavioural suite, run against every transport (in-memory and Kafka). */
export function transportSuite(fixture: () => TransportFixture) {
  it("delivers every published message once, in per-key order, committing as it goes", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    for (let i = 0; i < 60; i++) await publisher.publish("OrderCreated", { orderId: `o${i % 7}`, n: i });
    const seen = new Map<string, number[]>();
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ payload }) => {
          const p = payload as { orderId: string; n: number };
          seen.set(p.orderId, [...(seen.get(p.orderId) ?? []), p.n]);
        },
      },
    });
    const sub = consumer.start();
    await until(() => consumer.stats.consumed === 60);
    await sub.stop();
    expect(consumer.stats.consumed).toBe(60);
    for (const [key, ns] of seen) expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
  });

  it("dead-letters a poison message after maxAttempts with the error headers, and keeps going", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const dlq = await f.topic("dead-letter", 1);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    await publisher.publish("OrderCreated", { orderId: "poison" });
    await publisher.publish("OrderCreated", { orderId: "good" });
    const handled: string[] = [];
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ payload }) => {
          const id = (payload as { orderId: string }).orderId;
          if (id === "poison") throw new Error("cannot bill");
          handled.push(id);
        },
      },
      deadLetter: { topic: dlq, maxAttempts: 3 },
      sleep: async () => undefined,
    });
    const sub = consumer.start();
    await until(() => handled.length === 1);
    await sub.stop();
    const [dead] = await f.readAll(dlq, 1);
    expect(dead!.headers).toMatchObject({
      "eventline-error": "handler failed after 3 attempts: cannot bill",
      "eventline-attempts": "3",
      "eventline-original-topic": topic,
      "eventline-original-offset": "0",
    });
    expect(new TextDecoder().decode(dead!.key!)).toBe("poison");
  });

  it("a record waiting in a retry backoff holds back only its own partition", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const dlq = await f.topic("dead-letter", 1);
    const [k0, k1, k2] = [0, 1, 2].map((p) => keyOn("k", p, 3)) as [string, string, string];
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    // Partitions 0 and 1 each start with a poison record; partition 2 holds only good ones.
    for (const [orderId, n, poison] of [
      [k0, 0, true],
      [k0, 1, false],
      [k1, 2, true],
      [k1, 3, false],
      [k2, 4, false],
      [k2, 5, false],
    ] as const)
      await publisher.publish("OrderCreated", { orderId, n, poison });
    const events: string[] = [];
    const attempts = new Map<number, number>();
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: poisonHandler(
          attempts,
          ({ n }) => void events.push(`${n} done`),
          ({ n }, attempt) => void events.push(`${n} attempt ${attempt}`),
        ),
      },
      deadLetter: { topic: dlq, maxAttempts: 2 },
      retry: { initialDelayMs: 1_500, jitter: 0 },
    });
    const sub = consumer.start();
    await until(() => consumer.stats.consumed === 4 && consumer.stats.deadLettered === 2);
    await sub.stop();
    const at = (event: string) => {
      expect(events, event).toContain(event);
      return events.indexOf(event);
    };
    const firstRetry = Math.min(at("0 attempt 2"), at("2 attempt 2"));
    // Neither poison record waited for the other's backoff, nor did partition 2.
    expect(at("0 attempt 1"), events.join(", ")).toBeLessThan(firstRetry);
    expect(at("2 attempt 1"), events.join(", ")).toBeLessThan(firstRetry);
    expect(at("4 done"), events.join(", ")).toBeLessThan(firstRetry);
    expect(at("5 done"), events.join(", ")).toBeLessThan(firstRetry);
    // Per partition, order holds: a good record after its partition's poison waits for it.
    expect(at("1 done")).toBeGreaterThan(at("0 attempt 2"));
    expect(at("3 done")).toBeGreaterThan(at("2 attempt 2"));
  });

  it("stop() waits for the in-flight records of every partition and commits each partition's", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 2);
    const group = f.group("billing");
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    await publisher.publish("OrderCreated", { orderId: keyOn("k", 0, 2), n: 0 });
    await publisher.publish("OrderCreated", { orderId: keyOn("k", 1, 2), n: 1 });
    const release = gate();
    const started: number[] = [];
    const finished: number[] = [];
    const consumer = createConsumer({
      transport: f.transport,
      groupId: group,
      messages: [spec(topic)],
      handlers: {
        OrderCreated: async ({ payload }) => {
          const { n } = payload as { n: number };
          started.push(n);
          await release.opened;
          finished.push(n);
        },
      },
    });
    const sub = consumer.start();
    await until(() => started.length === 2, 30_000, "both partitions' handlers to start");
    let stopped = false;
    const stopping = sub.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped, "stop() resolved while handlers were still running").toBe(false);
    release.open();
    await stopping;
    expect(finished.sort()).toEqual([0, 1]);
    expect(await f.committed(group, topic, 0)).toBe(1);
    expect(await f.committed(group, topic, 1)).toBe(1);
  });

  it("redelivers an uncommitted message after a crash, and the idempotency store skips what was done", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const group = f.group("billing");
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    await publisher.publish("OrderCreated", { orderId: "a" });
    await publisher.publish("OrderCreated", { orderId: "b" });
    const store = createInMemoryIdempotencyStore();
    const effects: string[] = [];
    let crash = true;
    const make = () =>
      createConsumer({
        transport: f.transport,
        groupId: group,
        messages: [spec(topic)],
        idempotency: store,
        handlers: {
          OrderCreated: ({ payload }) => {
            const id = (payload as { orderId: string }).orderId;
            if (id === "b" && crash) throw new Error("process died");
            effects.push(id);
          },
        },
      });
    const first = make().start();
    const error = await first.done.catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    crash = false;
    const second = make();
    const sub = second.start();
    await until(() => second.stats.consumed + second.stats.duplicates >= 1 && effects.includes("b"));
    await sub.stop();
    expect(effects).toEqual(["a", "b"]);
  });

  it("dead-letters every poison message interleaved with good ones on several keys; good ones keep per-key order", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const dlq = await f.topic("dead-letter", 1);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    const poison = new Map<string, { key: string; partition: number; offset: number }>();
    let good = 0;
    for (let i = 0; i < 48; i++) {
      const bad = i % 5 === 2;
      const sent = await publisher.publish("OrderCreated", { orderId: `k${i % 6}`, n: i, poison: bad });
      if (bad) poison.set(sent.id, { key: sent.key!, partition: sent.partition, offset: sent.offset });
      else good++;
    }
    const seen = new Map<string, number[]>();
    const attempts = new Map<number, number>();
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: poisonHandler(
          attempts,
          (p) => void seen.set(p.orderId, [...(seen.get(p.orderId) ?? []), p.n]),
        ),
      },
      deadLetter: { topic: dlq, maxAttempts: 3 },
      sleep: async () => undefined,
    });
    const sub = consumer.start();
    await until(() => consumer.stats.consumed === good && consumer.stats.deadLettered === poison.size);
    await sub.stop();
    expect(poison.size).toBe(10);
    expect(consumer.stats).toMatchObject({ consumed: good, deadLettered: 10, retries: 20 });
    expect([...attempts.values()]).toEqual(Array(10).fill(3));
    // Every good message exactly once, and per key in publish order.
    expect([...seen.values()].flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 48 }, (_, i) => i).filter((i) => i % 5 !== 2),
    );
    for (const [key, ns] of seen) expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
    const dead = await f.readAll(dlq, poison.size);
    expect(dead).toHaveLength(poison.size);
    for (const record of dead) {
      const original = poison.get(record.headers.ce_id ?? "");
      expect(original, `dead letter ${record.headers.ce_id} was not a poison message`).toBeDefined();
      const n = (JSON.parse(text(record.value)!) as { n: number }).n;
      expect(text(record.key)).toBe(original!.key);
      expect(record.headers).toMatchObject({
        "eventline-error": `handler failed after 3 attempts: cannot bill ${n}`,
        "eventline-attempts": "3",
        "eventline-original-topic": topic,
        "eventline-original-partition": String(original!.partition),
        "eventline-original-offset": String(original!.offset),
        ce_type: spec(topic).type,
      });
    }
    expect(new Set(dead.map((r) => r.headers.ce_id)).size).toBe(poison.size);
  });

  it("loses nothing and doubles no effect when one of two consumers of a group leaves mid-stream", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 4);
    const group = f.group("billing");
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    // A steady stream, published while members join and leave.
    const ids: string[] = [];
    let streaming = true;
    const stream = (async () => {
      for (let i = 0; streaming; i++) {
        ids.push((await publisher.publish("OrderCreated", { orderId: `k${i % 13}`, n: i })).id);
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    // One store for the group (as a shared database would be): a record redelivered after a
    // rebalance is recognised; `effects` counts what the handlers applied, per event id.
    const store = createInMemoryIdempotencyStore();
    const effects = new Map<string, number>();
    const make = () =>
      createConsumer({
        transport: f.transport,
        groupId: group,
        messages: [spec(topic)],
        idempotency: store,
        handlers: {
          OrderCreated: async ({ envelope }) => {
            await new Promise((r) => setTimeout(r, 1));
            effects.set(envelope.id, (effects.get(envelope.id) ?? 0) + 1);
          },
        },
      });
    const first = make();
    const second = make();
    const progress = () =>
      `first ${JSON.stringify(first.stats)}, second ${JSON.stringify(second.stats)}, effects ${effects.size}/${ids.length}`;
    const firstSub = first.start();
    const secondSub = (async () => {
      await until(() => first.stats.consumed >= 20, 60_000, `the first consumer (${progress()})`);
      const sub = second.start();
      await until(
        () => second.stats.consumed >= 5,
        60_000,
        `the second consumer's partitions (${progress()})`,
      );
      // Mid-stream: the first consumer leaves while records are still flowing.
      await firstSub.stop();
      return sub;
    })();
    let sub: Awaited<typeof secondSub>;
    try {
      sub = await secondSub;
      const publishedAtLeave = ids.length;
      await until(() => ids.length >= publishedAtLeave + 60, 60_000, "the stream");
    } catch (error) {
      await firstSub.stop();
      throw error;
    } finally {
      streaming = false;
      await stream;
    }
    const consumedByFirst = first.stats.consumed;
    await until(
      () => ids.every((id) => effects.has(id)),
      60_000,
      `every event to take effect (${progress()})`,
    );
    await sub.stop();
    expect(first.stats.consumed).toBe(consumedByFirst);
    expect(consumedByFirst).toBeGreaterThanOrEqual(20);
    expect(second.stats.consumed).toBeGreaterThanOrEqual(65);
    const doubled = [...effects].filter(([, n]) => n !== 1);
    expect(doubled, "events whose effect was applied more than once").toEqual([]);
    expect(effects.size).toBe(ids.length);
    expect(first.stats.consumed + second.stats.consumed).toBe(ids.length);
  }, 240_000);
}
