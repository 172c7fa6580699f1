import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { createKafkaTransport, type KafkaTransport } from "../../src/kafka/transport.js";
import { createConsumer } from "../../src/runtime/consumer.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { installShutdown, type SignalSource } from "../../src/runtime/shutdown.js";
import { ensureBroker } from "./broker.js";

// Started at collection time so the suite can be skipped (with its reason) when there is no broker.
const broker = ensureBroker();
const { brokers, reason } = broker;
const available = brokers.length > 0;
afterAll(() => broker.release());

if (!available) {
  if (process.env.CI === "true") {
    it("needs a Kafka broker under CI", () => {
      expect.fail(`Kafka is required under CI=true: ${reason}`);
    });
  } else {
    console.warn(`Kafka shutdown tests skipped: ${reason}`);
    it.skip(`Kafka shutdown tests (skipped: ${reason})`, () => {});
  }
}

async function until(condition: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe.runIf(available)("graceful shutdown on the Kafka transport (real broker)", () => {
  const kafka = new Kafka({ clientId: "eventline-shutdown-tests", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const transports: KafkaTransport[] = [];
  const run = randomUUID().slice(0, 8);
  let n = 0;

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.disconnect()));
    await admin.disconnect();
  });

  async function setup(messages: number) {
    const topic = `shutdown-${run}-${++n}`;
    const dlq = `shutdown-dlq-${run}-${n}`;
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 1 },
        { topic: dlq, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    const transport = createKafkaTransport({ kafka });
    transports.push(transport);
    const spec: MessageSpec = { name: "OrderCreated", topic, type: "dev.eventline.OrderCreated.v1" };
    const publisher = createPublisher({ transport, source: "/s", messages: [spec] });
    for (let i = 0; i < messages; i++) await publisher.publish("OrderCreated", { n: i });
    const groupId = `billing-${run}-${n}`;
    const committed = async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(offsets?.partitions[0]?.offset ?? -1);
    };
    return { topic, dlq, transport, spec, groupId, committed };
  }

  /** Handles records in order; the first one blocks until `release.open()`. */
  function slowConsumer(s: Awaited<ReturnType<typeof setup>>) {
    const started: number[] = [];
    const finished: number[] = [];
    const release = gate();
    const consumer = createConsumer({
      transport: s.transport,
      groupId: s.groupId,
      messages: [s.spec],
      handlers: {
        OrderCreated: async ({ payload }) => {
          const i = (payload as { n: number }).n;
          started.push(i);
          if (i === 0) await release.opened;
          finished.push(i);
        },
      },
    });
    return { consumer, started, finished, release };
  }

  it("stop(): the slow in-flight handler finishes and commits; nothing new starts; the rest is redelivered", async () => {
    const s = await setup(3);
    const slow = slowConsumer(s);
    const sub = slow.consumer.start();
    await until(() => slow.started.length === 1);
    const stopping = sub.stop();
    await new Promise((r) => setTimeout(r, 500));
    expect(slow.finished).toEqual([]);
    slow.release.open();
    await stopping;
    await sub.done;
    expect(slow.started).toEqual([0]);
    expect(slow.finished).toEqual([0]);
    expect(await s.committed()).toBe(1);

    const next = slowConsumer(s);
    const sub2 = next.consumer.start();
    await until(() => next.finished.length === 2);
    await sub2.stop();
    expect(next.finished).toEqual([1, 2]);
    expect(await s.committed()).toBe(3);
  }, 90_000);

  it("stop() during a retry backoff: returns at once, the record stays uncommitted and is redelivered", async () => {
    const s = await setup(1);
    let attempts = 0;
    const consumer = createConsumer({
      transport: s.transport,
      groupId: s.groupId,
      messages: [s.spec],
      handlers: {
        OrderCreated: () => {
          attempts++;
          throw new Error("down");
        },
      },
      deadLetter: { topic: s.dlq, maxAttempts: 5 },
      retry: { initialDelayMs: 120_000, jitter: 0 },
    });
    const sub = consumer.start();
    await until(() => consumer.stats.retries === 1);
    const t0 = Date.now();
    await sub.stop();
    await expect(sub.done).resolves.toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(attempts).toBe(1);
    expect(consumer.stats.deadLettered).toBe(0);
    expect(await s.committed()).toBe(-1);

    let redelivered = 0;
    const again = createConsumer({
      transport: s.transport,
      groupId: s.groupId,
      messages: [s.spec],
      handlers: { OrderCreated: () => void redelivered++ },
    });
    const sub2 = again.start();
    await until(() => redelivered === 1);
    await sub2.stop();
    expect(await s.committed()).toBe(1);
  }, 90_000);

  it("installShutdown: SIGTERM stops the consumer after its in-flight record, disconnects, exits 0", async () => {
    const s = await setup(2);
    const slow = slowConsumer(s);
    const sub = slow.consumer.start();
    const emitter = new EventEmitter();
    const source: SignalSource = {
      on: (signal, listener) => emitter.on(signal, listener),
      off: (signal, listener) => emitter.off(signal, listener),
    };
    const exits: number[] = [];
    const dispose = installShutdown(
      { subscriptions: [sub], transports: [s.transport] },
      { process: source, exit: (code) => void exits.push(code), log: () => undefined, timeoutMs: 60_000 },
    );
    await until(() => slow.started.length === 1);
    emitter.emit("SIGTERM", "SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toEqual([]);
    slow.release.open();
    await until(() => exits.length > 0, 60_000);
    expect(exits).toEqual([0]);
    expect(slow.finished).toEqual([0]);
    expect(await s.committed()).toBe(1);
    dispose();
    expect(emitter.listenerCount("SIGTERM")).toBe(0);
  }, 90_000);

  it("stop() right after start() (still joining) never begins fetching", async () => {
    const s = await setup(1);
    let handled = 0;
    const consumer = createConsumer({
      transport: s.transport,
      groupId: s.groupId,
      messages: [s.spec],
      handlers: { OrderCreated: () => void handled++ },
    });
    const sub = consumer.start();
    await Promise.all([sub.stop(), sub.stop()]);
    await sub.done;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(handled).toBe(0);
    expect(await s.committed()).toBe(-1);
  }, 60_000);
});
