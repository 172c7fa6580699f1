// Runtime benchmark on a real Kafka broker: Eventline's publisher and consumer against raw kafkajs
// with identical settings, and the consumer with the PostgreSQL inbox. Used by bench/runtime.mjs.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { order, orderSpec } from "./runtime-local.mjs";

/** KAFKA_BROKERS, else test/kafka/broker.sh (which reuses a broker already running). */
export function ensureBroker(repo) {
  if (process.env.KAFKA_BROKERS) {
    return { brokers: process.env.KAFKA_BROKERS.split(",").map((b) => b.trim()), release() {} };
  }
  const script = join(repo, "test", "kafka", "broker.sh");
  let output;
  try {
    output = execFileSync("bash", [script, "start"], { stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
  } catch (error) {
    const detail = error.stderr?.toString().trim() || String(error);
    return { brokers: [], reason: detail.split("\n").slice(-2).join(" ") };
  }
  const text = output.toString();
  const address = /\bon (127\.0\.0\.1:\d+)/.exec(text)?.[1];
  if (!address)
    return { brokers: [], reason: `broker.sh did not say where the broker listens: ${text.trim()}` };
  const startedHere = !text.includes("already running");
  return {
    brokers: [address],
    release() {
      if (startedHere) execFileSync("bash", [script, "stop"], { stdio: "ignore", timeout: 90_000 });
    },
  };
}

// The producer settings of Eventline's Kafka transport, given to the raw producer too.
const PRODUCER = { idempotent: true, maxInFlightRequests: 1 };
const ACKS = -1;

export class KafkaBench {
  constructor({ kafkajs, runtime, kafkaModule, ajv, brokers }) {
    this.kafkajs = kafkajs;
    this.runtime = runtime;
    this.ajv = ajv;
    this.run = randomUUID().slice(0, 8);
    this.n = 0;
    this.kafka = new kafkajs.Kafka({
      clientId: "eventline-bench",
      brokers,
      logLevel: kafkajs.logLevel.NOTHING,
    });
    this.kafkaModule = kafkaModule;
    this.admin = this.kafka.admin();
    this.topics = [];
  }

  async start() {
    await this.admin.connect();
    // One partition at a time, as the raw consumer it is compared with (rawConsume).
    this.transport = this.kafkaModule.createKafkaTransport({
      kafka: this.kafka,
      partitionsConsumedConcurrently: 1,
    });
    this.raw = this.kafka.producer({
      ...PRODUCER,
      createPartitioner: this.kafkajs.Partitioners.DefaultPartitioner,
    });
    await this.raw.connect();
    // Connect the transport's producer before anything is timed.
    await this.transport.send(await this.topic(), [{ key: null, value: new Uint8Array(1), headers: {} }]);
  }

  async close() {
    await this.raw?.disconnect().catch(() => undefined);
    await this.transport?.disconnect().catch(() => undefined);
    if (this.topics.length > 0) await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  async topic(partitions = 3) {
    const name = `bench-runtime-${this.run}-${++this.n}`;
    await this.admin.createTopics({
      topics: [{ topic: name, numPartitions: partitions }],
      waitForLeaders: true,
    });
    this.topics.push(name);
    return name;
  }

  publisher(topic) {
    return this.runtime.createPublisher({
      transport: this.transport,
      source: "/bench/orders",
      messages: [orderSpec(this.runtime, this.ajv, topic)],
    });
  }

  /** Milliseconds for `send(i)`, from <= i < to, `window` calls in flight at once (1: await each). */
  async timed(from, to, window, send) {
    let next = from;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: window }, async () => {
        while (next < to) await send(next++);
      }),
    );
    return performance.now() - start;
  }

  /**
   * Eventline publisher vs raw producer, one message per send call, `window` sends in flight. The two
   * alternate in slices of the stream (and which goes first alternates too), so a change in the
   * machine's load during the run weighs on both alike.
   */
  async publish(messages, window, slices = 10) {
    const rawTopic = await this.topic();
    const evlTopic = await this.topic();
    const publisher = this.publisher(evlTopic);
    const encoder = new TextEncoder();
    const raw = (i) => {
      const p = order(i);
      return this.raw.send({
        topic: rawTopic,
        acks: ACKS,
        messages: [{ key: p.orderId, value: Buffer.from(encoder.encode(JSON.stringify(p))) }],
      });
    };
    const eventline = (i) => publisher.publish("OrderCreated", order(i));
    // The raw producer carrying headers of the envelope's size (built once, not per message): what
    // the CloudEvents headers cost on the wire, apart from Eventline's own work.
    const headersTopic = await this.topic();
    const headers = {
      ce_specversion: "1.0",
      ce_id: randomUUID(),
      ce_source: "/bench/orders",
      ce_type: "dev.eventline.orders.OrderCreated.v1",
      ce_time: new Date().toISOString(),
      "content-type": "application/json",
    };
    const rawWithHeaders = (i) => {
      const p = order(i);
      return this.raw.send({
        topic: headersTopic,
        acks: ACKS,
        messages: [{ key: p.orderId, value: Buffer.from(encoder.encode(JSON.stringify(p))), headers }],
      });
    };
    const sides = [
      { send: raw, ms: 0 },
      { send: eventline, ms: 0 },
      { send: rawWithHeaders, ms: 0 },
    ];
    const size = Math.ceil(messages / slices);
    for (let from = 0, k = 0; from < messages; from += size, k++) {
      const to = Math.min(messages, from + size);
      // Rotate who goes first.
      for (let j = 0; j < sides.length; j++) {
        const side = sides[(j + k) % sides.length];
        side.ms += await this.timed(from, to, window, side.send);
      }
    }
    const [r, e, h] = sides.map((side) => (messages / side.ms) * 1000);
    return { raw: r, eventline: e, rawWithHeaders: h };
  }

  /** The raw producer sending `batch` messages per send call (Eventline's publisher has no batch call). */
  async rawBatched(messages, batch) {
    const topic = await this.topic();
    const encoder = new TextEncoder();
    const start = performance.now();
    for (let i = 0; i < messages; i += batch) {
      const chunk = [];
      for (let j = i; j < Math.min(messages, i + batch); j++) {
        const p = order(j);
        chunk.push({ key: p.orderId, value: Buffer.from(encoder.encode(JSON.stringify(p))) });
      }
      await this.raw.send({ topic, acks: ACKS, messages: chunk });
    }
    return (messages / (performance.now() - start)) * 1000;
  }

  /** A topic filled with `messages` Eventline-enveloped records, published in batches. */
  async filledTopic(messages) {
    const topic = await this.topic();
    const publisher = this.publisher(topic);
    await this.timed(0, messages, 64, (i) => publisher.publish("OrderCreated", order(i)));
    return topic;
  }

  /**
   * Raw kafkajs consumer: eachMessage, JSON.parse, commit after each (as Eventline does). msgs/s
   * from the first record to the last, so the group join is not counted. `effect(payload)` runs
   * before the commit when given.
   */
  async rawConsume(topic, messages, effect) {
    const consumer = this.kafka.consumer({ groupId: `bench-raw-${this.run}-${++this.n}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    let first = 0;
    let finished;
    const all = new Promise((resolve) => {
      finished = resolve;
    });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ partition, message }) => {
        if (seen === 0) first = performance.now();
        const payload = JSON.parse(message.value.toString());
        if (effect) await effect(payload);
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
        if (++seen === messages) finished(performance.now());
      },
    });
    const last = await all;
    await consumer.disconnect();
    return (messages / (last - first)) * 1000;
  }

  /** Eventline's consumer on the Kafka transport; msgs/s from the first record to the last. */
  async eventlineConsume(topic, messages, options = {}) {
    let seen = 0;
    let first = 0;
    let finished;
    const all = new Promise((resolve) => {
      finished = resolve;
    });
    const consumer = this.runtime.createConsumer({
      transport: this.transport,
      groupId: `bench-evl-${this.run}-${++this.n}`,
      messages: [orderSpec(this.runtime, this.ajv, topic)],
      ...options,
      handlers: {
        OrderCreated: async (event) => {
          if (seen === 0) first = performance.now();
          if (options.effect) await options.effect(event);
          if (++seen === messages) finished(performance.now());
        },
      },
    });
    const sub = consumer.start();
    const last = await all;
    await sub.stop();
    return (messages / (last - first)) * 1000;
  }
}
