import { expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
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

const PROCESS_DIED = "the process died after the handler, before the commit";

/**
 * `transport` in a process that dies right after `dies(record)`'s handling finished: the handler's
 * effect and the idempotency store's marker landed, the offset was never committed. The transport
 * contract treats a rejected `handle` as a crash (no commit, consumption stops), on every transport.
 */
function dyingAfter(transport: Transport, dies: (record: DeliveredRecord) => boolean): Transport {
  return {
    send: (topic, records) => transport.send(topic, records),
    consume: (options) =>
      transport.consume({
        ...options,
        handle: async (record) => {
          await options.handle(record);
          if (dies(record)) throw new Error(PROCESS_DIED);
        },
      }),
  };
}

/** One behavioural suite, run against every transport (in-memory and Kafka). */
export function transportSuite(fixture: () => TransportFixture) {
  it("delivers every published message once, in per-key order, committing as it goes", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++)
      ids.push((await publisher.publish("OrderCreated", { orderId: `o${i % 7}`, n: i })).id);
    const seen = new Map<string, number[]>();
    const deliveries = new Map<string, number>();
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ payload, envelope }) => {
          const p = payload as { orderId: string; n: number };
          seen.set(p.orderId, [...(seen.get(p.orderId) ?? []), p.n]);
          deliveries.set(envelope.id, (deliveries.get(envelope.id) ?? 0) + 1);
        },
      },
    });
    const sub = consumer.start();
    await until(() => ids.every((id) => deliveries.has(id)));
    await sub.stop();
    // Exactly once: every published id handled one time, nothing else handled.
    expect(
      [...deliveries].filter(([, n]) => n !== 1),
      "ids handled more than once",
    ).toEqual([]);
    expect(new Set(deliveries.keys())).toEqual(new Set(ids));
    expect(consumer.stats.consumed).toBe(60);
    for (const [key, ns] of seen) expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
  });

  it("dead-letters a poison message after maxAttempts with the error headers, and keeps going", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const dlq = await f.topic("dead-letter", 1);
    const publisher = createPublisher({ transport: f.transport, source: "/test", messages: [spec(topic)] });
    // Key "bad" lands on partition 1 of 3 (murmur2) and the poison is its second record, so the
    // original-partition and original-offset headers cannot pass by being 0.
    await publisher.publish("OrderCreated", { orderId: "bad", poison: false });
    const poison = await publisher.publish("OrderCreated", { orderId: "bad", poison: true });
    await publisher.publish("OrderCreated", { orderId: "good", poison: false });
    expect([poison.partition, poison.offset]).toEqual([1, 1]);
    const handled: string[] = [];
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ payload }) => {
          const p = payload as { orderId: string; poison: boolean };
          if (p.poison) throw new Error("cannot bill");
          handled.push(p.orderId);
        },
      },
      deadLetter: { topic: dlq, maxAttempts: 3 },
      sleep: async () => undefined,
    });
    const sub = consumer.start();
    await until(() => handled.length === 2 && consumer.stats.deadLettered === 1);
    await sub.stop();
    expect(handled.sort()).toEqual(["bad", "good"]);
    const [dead] = await f.readAll(dlq, 1);
    const original = (await f.readAll(topic, 3)).find((r) => r.headers.ce_id === poison.id);
    expect(original, "the poison message on its own topic").toBeDefined();
    expect([original!.partition, original!.offset]).toEqual([poison.partition, poison.offset]);
    expect(dead!.headers).toMatchObject({
      "eventline-error": "handler failed after 3 attempts: cannot bill",
      "eventline-attempts": "3",
      "eventline-original-topic": topic,
      "eventline-original-partition": "1",
      "eventline-original-offset": "1",
      ce_id: poison.id,
    });
    // The dead letter carries the published bytes, not a re-encoding of the parsed payload.
    expect(dead!.value).not.toBeNull();
    expect(Buffer.from(dead!.value!)).toEqual(Buffer.from(original!.value!));
    expect(text(dead!.key)).toBe("bad");
  });

  it("dead-letters a record with its headers byte for byte: binary values, repeated names, in order", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 1);
    const dlq = await f.topic("dead-letter", 1);
    const enc = new TextEncoder();
    const ce = {
      ce_id: "binary-1",
      ce_source: "/test",
      ce_type: spec(topic).type,
      ce_specversion: "1.0",
      "content-type": "application/json",
    };
    const raw = [
      ...Object.entries(ce).map(([key, value]) => ({ key, value: enc.encode(value) })),
      // Not UTF-8: a string view cannot carry these bytes.
      { key: "x-signature", value: new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3]) },
      { key: "x-hop", value: enc.encode("gateway") },
      { key: "x-hop", value: enc.encode("router") },
    ];
    await f.transport.send(topic, [
      { key: enc.encode("k"), value: enc.encode('{"orderId":"k"}'), headers: ce, rawHeaders: raw },
    ]);
    const seen: string[] = [];
    const consumer = createConsumer({
      transport: f.transport,
      groupId: f.group("billing"),
      messages: [spec(topic)],
      handlers: {
        OrderCreated: ({ headers }) => {
          seen.push(headers["x-hop"] ?? "");
          throw new Error("cannot bill");
        },
      },
      deadLetter: { topic: dlq, maxAttempts: 1 },
    });
    const sub = consumer.start();
    await until(() => consumer.stats.deadLettered === 1);
    await sub.stop();
    // The string view keeps the last value of a repeated name.
    expect(seen).toEqual(["router"]);
    const [dead] = await f.readAll(dlq, 1);
    const bytes = (headers: readonly { key: string; value: Uint8Array | null }[] = []) =>
      headers.map((h) => [h.key, h.value === null ? null : Array.from(h.value)]);
    expect(bytes(dead!.rawHeaders)).toEqual([
      ...bytes(raw),
      ...bytes(
        Object.entries({
          "eventline-error": "handler failed after 1 attempts: cannot bill",
          "eventline-attempts": "1",
          "eventline-original-topic": topic,
          "eventline-original-partition": "0",
          "eventline-original-offset": "0",
        }).map(([key, value]) => ({ key, value: enc.encode(value) })),
      ),
    ]);
  });

  it("returns each record's own partition and offset for a batch of several keys", async () => {
    const f = fixture();
    const topic = await f.topic("orders", 3);
    const enc = new TextEncoder();
    // Partitions start at different offsets, so a shared base offset would show.
    await f.transport.send(topic, [{ key: enc.encode("k1"), value: enc.encode("warm-up"), headers: {} }]);
    const records = Array.from({ length: 15 }, (_, i) => ({
      key: i % 5 === 4 ? null : enc.encode(`k${i % 5}`),
      value: enc.encode(`v${i}`),
      headers: {},
    }));
    const written = await f.transport.send(topic, records);
    expect(new Set(written.map((w) => w.partition)).size).toBeGreaterThan(1);
    for (const [i, w] of written.entries()) {
      if (i % 5 !== 4) expect(w.partition, `k${i % 5}`).toBe(partitionForKey(`k${i % 5}`, 3));
    }
    const stored = await f.readAll(topic, 16);
    const at = new Map(stored.map((r) => [`${r.partition}@${r.offset}`, text(r.value)]));
    expect(written.map((w) => at.get(`${w.partition}@${w.offset}`))).toEqual(records.map((_, i) => `v${i}`));
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
    for (const orderId of ["a", "b", "c"]) await publisher.publish("OrderCreated", { orderId });
    // The durable state a restarted process finds again: its idempotency store and its effects.
    const store = createInMemoryIdempotencyStore();
    const effects: string[] = [];
    const make = (transport: Transport) =>
      createConsumer({
        transport,
        groupId: group,
        messages: [spec(topic)],
        idempotency: store,
        handlers: {
          OrderCreated: ({ payload }) => {
            effects.push((payload as { orderId: string }).orderId);
          },
        },
      });
    // The process dies after b's handler ran and the store marked it, before b's offset is committed.
    const first = make(dyingAfter(f.transport, (r) => text(r.key) === "b"));
    const error = await first.start().done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(PROCESS_DIED);
    expect(effects).toEqual(["a", "b"]);
    // The restarted process: the group resumes at b (a was committed), and the store skips b.
    const second = make(f.transport);
    const sub = second.start();
    await until(() => second.stats.consumed + second.stats.duplicates >= 2);
    await sub.stop();
    expect(effects).toEqual(["a", "b", "c"]);
    expect(second.stats).toMatchObject({ consumed: 1, duplicates: 1 });
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
