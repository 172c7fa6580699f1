import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { installShutdown, type SignalSource, shutdown } from "../../src/runtime/shutdown.js";

const TOPIC = "orders.events.v1";
const spec: MessageSpec = { name: "OrderCreated", topic: TOPIC, type: "dev.eventline.OrderCreated.v1" };

async function until(condition: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 2));
  }
}

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

async function platform(messages = 3) {
  const broker = createInMemoryBroker();
  broker.createTopic(TOPIC, { partitions: 1 });
  broker.createTopic("dlq");
  const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
  const publisher = createPublisher({ transport, source: "/s", messages: [spec] });
  for (let i = 0; i < messages; i++) await publisher.publish("OrderCreated", { n: i });
  return { broker, transport };
}

/** A consumer whose handler blocks on the first record until `release.open()`. */
function slowConsumer(transport: ReturnType<typeof createInMemoryTransport>) {
  const started: number[] = [];
  const finished: number[] = [];
  const release = gate();
  const consumer = createConsumer({
    transport,
    groupId: "billing",
    messages: [spec],
    handlers: {
      OrderCreated: async ({ payload }) => {
        const n = (payload as { n: number }).n;
        started.push(n);
        if (n === 0) await release.opened;
        finished.push(n);
      },
    },
  });
  return { consumer, started, finished, release };
}

function fakeProcess() {
  const emitter = new EventEmitter();
  const source: SignalSource = {
    on: (signal, listener) => emitter.on(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
  };
  const exits: number[] = [];
  const lines: string[] = [];
  return {
    emitter,
    exits,
    lines,
    options: {
      process: source,
      exit: (code: number) => void exits.push(code),
      log: (l: string) => void lines.push(l),
    },
  };
}

describe("Subscription.stop() (in-memory transport)", () => {
  it("lets the in-flight handler finish and commit, and starts nothing new", async () => {
    const { broker, transport } = await platform();
    const { consumer, started, finished, release } = slowConsumer(transport);
    const sub = consumer.start();
    await until(() => started.length === 1);
    const stopping = sub.stop();
    await new Promise((r) => setTimeout(r, 30));
    expect(finished).toEqual([]); // still running: stop() waits for it
    release.open();
    await stopping;
    await sub.done;
    expect(started).toEqual([0]);
    expect(finished).toEqual([0]);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBe(1);

    // The rest is delivered to the next member of the group.
    const next = slowConsumer(transport);
    const sub2 = next.consumer.start();
    await until(() => next.finished.length === 2);
    await sub2.stop();
    expect(next.finished).toEqual([1, 2]);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBe(3);
  });

  it("interrupts a retry backoff: the record is not committed, done resolves, and it is redelivered", async () => {
    const { broker, transport } = await platform(1);
    let attempts = 0;
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      handlers: {
        OrderCreated: () => {
          attempts++;
          throw new Error("down");
        },
      },
      deadLetter: { topic: "dlq", maxAttempts: 5 },
      retry: { initialDelayMs: 60_000, jitter: 0 },
    });
    const sub = consumer.start();
    await until(() => consumer.stats.retries === 1);
    const t0 = Date.now();
    await sub.stop();
    await expect(sub.done).resolves.toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(attempts).toBe(1);
    expect(broker.inspect.committed("billing", TOPIC, 0) ?? 0).toBe(0);
    expect(broker.inspect.highWatermark("dlq", 0)).toBe(0);

    let redelivered = 0;
    const again = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      handlers: { OrderCreated: () => void redelivered++ },
    });
    const sub2 = again.start();
    await until(() => redelivered === 1);
    await sub2.stop();
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBe(1);
  });

  it("a custom sleep that ignores the signal is interrupted too", async () => {
    const { transport } = await platform(1);
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      handlers: {
        OrderCreated: () => {
          throw new Error("down");
        },
      },
      deadLetter: { topic: "dlq", maxAttempts: 5 },
      sleep: () => new Promise(() => undefined), // never settles
    });
    const sub = consumer.start();
    await until(() => consumer.stats.retries === 1);
    await sub.stop();
    await expect(sub.done).resolves.toBeUndefined();
  });

  it("a handler failing while stop() waits is not retried and stays uncommitted", async () => {
    const { broker, transport } = await platform(1);
    const release = gate();
    let attempts = 0;
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      handlers: {
        OrderCreated: async () => {
          attempts++;
          await release.opened;
          throw new Error("down");
        },
      },
      deadLetter: { topic: "dlq", maxAttempts: 5 },
      sleep: async () => undefined,
    });
    const sub = consumer.start();
    await until(() => attempts === 1);
    const stopping = sub.stop();
    release.open();
    await stopping;
    await expect(sub.done).resolves.toBeUndefined();
    expect(attempts).toBe(1);
    expect(consumer.stats.retries).toBe(0);
    expect(broker.inspect.committed("billing", TOPIC, 0) ?? 0).toBe(0);
  });

  it("a real handler failure still rejects done", async () => {
    const { transport } = await platform(1);
    const consumer = createConsumer({
      transport,
      groupId: "billing",
      messages: [spec],
      handlers: {
        OrderCreated: () => {
          throw new Error("down");
        },
      },
      // No dead-letter channel: a message that cannot be handled stops the consumer.
    });
    const sub = consumer.start();
    const error = await sub.done.catch((e: unknown) => e);
    expect(isEventlineRuntimeError(error) && error.code).toBe("UNHANDLED_MESSAGE");
    await sub.stop();
  });
});

describe("installShutdown", () => {
  it("first signal: stops consumers (in-flight finishes and commits), disconnects, closes stores, exits 0", async () => {
    const { broker, transport } = await platform();
    const { consumer, started, finished, release } = slowConsumer(transport);
    const order: string[] = [];
    const sub = consumer.start();
    const p = fakeProcess();
    const dispose = installShutdown(
      {
        subscriptions: [
          {
            stop: async () => {
              await sub.stop();
              order.push("stopped");
            },
          },
        ],
        transports: [{ disconnect: async () => void order.push("disconnected") }],
        stores: [{ close: async () => void order.push("closed") }, {}],
      },
      p.options,
    );
    await until(() => started.length === 1);
    p.emitter.emit("SIGTERM", "SIGTERM");
    await new Promise((r) => setTimeout(r, 20));
    expect(p.exits).toEqual([]);
    release.open();
    await until(() => p.exits.length > 0);
    expect(p.exits).toEqual([0]);
    expect(order).toEqual(["stopped", "disconnected", "closed"]);
    expect(finished).toEqual([0]);
    expect(broker.inspect.committed("billing", TOPIC, 0)).toBe(1);
    expect(p.lines[0]).toContain("SIGTERM, shutting down");
    dispose();
  });

  it("a second signal forces exit 1 while a handler is still running", async () => {
    const { transport } = await platform();
    const { consumer, started, release } = slowConsumer(transport);
    const sub = consumer.start();
    const p = fakeProcess();
    const dispose = installShutdown({ subscriptions: [sub] }, p.options);
    await until(() => started.length === 1);
    p.emitter.emit("SIGINT", "SIGINT");
    p.emitter.emit("SIGINT", "SIGINT");
    expect(p.exits).toEqual([1]);
    expect(p.lines.at(-1)).toContain("SIGINT again, forcing exit");
    release.open();
    await sub.done;
    await new Promise((r) => setTimeout(r, 10));
    expect(p.exits).toEqual([1]); // the graceful path finishing later does not exit again
    dispose();
  });

  it("forces exit 1 after timeoutMs", async () => {
    const p = fakeProcess();
    const never = { stop: () => new Promise<void>(() => undefined) };
    const dispose = installShutdown({ subscriptions: [never] }, { ...p.options, timeoutMs: 30 });
    p.emitter.emit("SIGTERM", "SIGTERM");
    expect(p.exits).toEqual([]);
    await until(() => p.exits.length > 0);
    expect(p.exits).toEqual([1]);
    expect(p.lines.at(-1)).toContain("did not finish within 30 ms");
    dispose();
  });

  it("a failing step is reported, the other steps still run, and the exit code is 1", async () => {
    const p = fakeProcess();
    let closed = false;
    const dispose = installShutdown(
      {
        transports: [
          {
            disconnect: async () => {
              throw new Error("broker gone");
            },
          },
        ],
        stores: [
          {
            close: async () => {
              closed = true;
            },
          },
        ],
      },
      p.options,
    );
    p.emitter.emit("SIGTERM", "SIGTERM");
    await until(() => p.exits.length > 0);
    expect(p.exits).toEqual([1]);
    expect(closed).toBe(true);
    expect(p.lines).toContain("eventline: shutdown: disconnect transport #1: broker gone");
    dispose();
  });

  it("the disposer removes the listeners (on the signals asked for)", () => {
    const p = fakeProcess();
    const dispose = installShutdown({}, { ...p.options, signals: ["SIGTERM", "SIGHUP"] });
    expect(p.emitter.listenerCount("SIGTERM")).toBe(1);
    expect(p.emitter.listenerCount("SIGHUP")).toBe(1);
    expect(p.emitter.listenerCount("SIGINT")).toBe(0);
    dispose();
    expect(p.emitter.listenerCount("SIGTERM")).toBe(0);
    expect(p.emitter.listenerCount("SIGHUP")).toBe(0);
  });

  it("installs on the real process by default and removes itself", () => {
    const before = process.listenerCount("SIGTERM");
    const dispose = installShutdown({});
    expect(process.listenerCount("SIGTERM")).toBe(before + 1);
    expect(process.listenerCount("SIGINT")).toBeGreaterThan(0);
    dispose();
    expect(process.listenerCount("SIGTERM")).toBe(before);
  });

  it("refuses bad options with a clear error", () => {
    const bad = (options: Parameters<typeof installShutdown>[1]) => {
      try {
        installShutdown({}, options);
      } catch (error) {
        return isEventlineRuntimeError(error) ? `${error.code}: ${error.message}` : String(error);
      }
      return "no error";
    };
    expect(bad({ signals: [] })).toBe(
      "INVALID_OPTION: installShutdown: signals must name at least one signal",
    );
    expect(bad({ timeoutMs: 0 })).toContain("timeoutMs must be a positive number, got 0");
    expect(bad({ timeoutMs: Number.NaN })).toContain("got NaN");
  });

  it("shutdown() runs the phases in order and collects failures", async () => {
    const order: string[] = [];
    const result = await shutdown({
      subscriptions: [
        { stop: async () => void order.push("stop-a") },
        {
          stop: async () => {
            throw new Error("stuck");
          },
        },
      ],
      transports: [{ disconnect: async () => void order.push("disconnect") }],
      stores: [{ close: async () => void order.push("close") }],
    });
    expect(order).toEqual(["stop-a", "disconnect", "close"]);
    expect(result.failures).toEqual(["stop subscription #2: stuck"]);
  });
});
