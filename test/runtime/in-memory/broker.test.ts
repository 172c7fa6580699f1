import { describe, expect, it } from "vitest";
import { isEventlineRuntimeError } from "../../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../../src/runtime/in-memory/broker.js";
import { partitionForKey } from "../../../src/runtime/murmur2.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isEventlineRuntimeError(error) ? error.code : "not a runtime error";
  }
  return undefined;
}

describe("in-memory broker: topics and producing", () => {
  it("puts keyed records on Kafka's default-partitioner partition, in order", () => {
    const broker = createInMemoryBroker();
    broker.createTopic("orders", { partitions: 12 });
    const a = broker.produce("orders", { key: bytes("order-1"), value: bytes("1") });
    const b = broker.produce("orders", { key: bytes("order-1"), value: bytes("2") });
    expect(a).toEqual({ partition: partitionForKey("order-1", 12), offset: 0 });
    expect(b).toEqual({ partition: a.partition, offset: 1 });
    expect(broker.inspect.records("orders", a.partition).map((r) => text(r.value))).toEqual(["1", "2"]);
    expect(broker.inspect.highWatermark("orders", a.partition)).toBe(2);
  });

  it("stores copies, so a producer mutating its buffer later changes nothing", () => {
    const broker = createInMemoryBroker();
    broker.createTopic("t");
    const value = bytes("v");
    broker.produce("t", { key: null, value, headers: { h: "1" } });
    value[0] = 0;
    const [r] = broker.inspect.records("t", 0);
    expect(text(r!.value)).toBe("v");
    expect(Object.isFrozen(r)).toBe(true);
    expect(r!.headers).toEqual({ h: "1" });
  });

  it("keeps raw headers byte for byte (copied), with their text view; text headers alone become raw ones", () => {
    const broker = createInMemoryBroker();
    broker.createTopic("t");
    const binary = new Uint8Array([0xff, 0x00, 0xfe]);
    broker.produce("t", {
      key: null,
      value: null,
      headers: { ignored: "when raw headers are given" },
      rawHeaders: [
        { key: "bin", value: binary },
        { key: "hop", value: bytes("a") },
        { key: "hop", value: bytes("b") },
        { key: "none", value: null },
      ],
    });
    broker.produce("t", { key: null, value: null, headers: { h: "é" } });
    binary[0] = 0;
    const [raw, plain] = broker.inspect.records("t", 0);
    expect(raw!.rawHeaders.map((h) => [h.key, h.value && [...h.value]])).toEqual([
      ["bin", [0xff, 0x00, 0xfe]],
      ["hop", [0x61]],
      ["hop", [0x62]],
      ["none", null],
    ]);
    expect(raw!.headers).toEqual({ bin: "\ufffd\u0000\ufffd", hop: "b", none: "" });
    expect(Object.isFrozen(raw!.rawHeaders)).toBe(true);
    expect(plain!.rawHeaders.map((h) => [h.key, text(h.value)])).toEqual([["h", "é"]]);
  });

  it("refuses unknown topics unless auto-creation is on, and conflicting partition counts", () => {
    const broker = createInMemoryBroker();
    expect(code(() => broker.produce("nope", { key: null, value: null }))).toBe("UNKNOWN_TOPIC");
    broker.createTopic("t", { partitions: 2 });
    expect(code(() => broker.createTopic("t", { partitions: 3 }))).toBe("TOPIC_EXISTS");
    expect(code(() => broker.createTopic("bad name"))).toBe("INVALID_TOPIC");
    expect(code(() => broker.createTopic("z", { partitions: 0 }))).toBe("INVALID_PARTITIONS");
    expect(code(() => broker.produce("t", { key: null, value: null }, { partition: 5 }))).toBe(
      "UNKNOWN_PARTITION",
    );
    const auto = createInMemoryBroker({ autoCreateTopics: true, defaultPartitions: 3 });
    auto.produce("new", { key: null, value: null });
    expect(auto.inspect.topics()).toEqual([{ name: "new", partitions: 3 }]);
  });
});

describe("in-memory broker: consumer groups", () => {
  function seeded(partitions = 4, perPartition = 3) {
    const broker = createInMemoryBroker();
    broker.createTopic("events", { partitions });
    for (let p = 0; p < partitions; p++) {
      for (let i = 0; i < perPartition; i++)
        broker.produce("events", { key: null, value: bytes(`${p}:${i}`) }, { partition: p });
    }
    return broker;
  }

  it("delivers every record of the assigned partitions once, in offset order per partition", () => {
    const broker = seeded();
    const member = broker.join("g", ["events"]);
    const got = member.poll(100);
    expect(got).toHaveLength(12);
    for (let p = 0; p < 4; p++) {
      expect(got.filter((r) => r.partition === p).map((r) => r.offset)).toEqual([0, 1, 2]);
    }
    expect(member.poll()).toEqual([]);
  });

  it("splits partitions across members with range assignment and rebalances when one leaves", () => {
    const broker = seeded(5);
    const a = broker.join("g", ["events"]);
    const b = broker.join("g", ["events"]);
    expect(a.assignment().map((tp) => tp.partition)).toEqual([0, 1, 2]);
    expect(b.assignment().map((tp) => tp.partition)).toEqual([3, 4]);
    b.leave();
    expect(a.assignment().map((tp) => tp.partition)).toEqual([0, 1, 2, 3, 4]);
    expect(broker.inspect.members("g")).toHaveLength(1);
    expect(code(() => b.poll())).toBe("MEMBER_LEFT");
  });

  it("does not let a new owner fetch a partition until the previous owner polled again or left", () => {
    const broker = seeded(2, 2);
    const a = broker.join("g", ["events"]);
    expect(a.poll(1).map((r) => text(r.value))).toEqual(["0:0"]); // a is handling 0:0, uncommitted
    const b = broker.join("g", ["events"]);
    expect(b.assignment().map((tp) => tp.partition)).toEqual([1]);
    const c = broker.join("h", ["events"]);
    expect(c.poll().length).toBe(4); // other groups are not held back
    expect(b.poll()).toEqual([]); // a may still be handling a record of partition 1
    a.poll(); // a finished its record and rejoined: partition 1 is released
    expect(b.poll().map((r) => text(r.value))).toEqual(["1:0", "1:1"]);
    const x = broker.join("k", ["events"]);
    x.poll(1);
    const y = broker.join("k", ["events"]);
    expect(y.poll()).toEqual([]);
    x.leave(); // leaving (or crashing) releases too
    expect(y.poll()).toHaveLength(4);
  });

  it("lets a member commit what it finished of a partition a rebalance took until it polls again; then the new owner goes on from there", () => {
    const broker = seeded(2, 2);
    const a = broker.join("g", ["events"]);
    expect(a.poll().map((r) => text(r.value))).toEqual(["0:0", "1:0", "0:1", "1:1"]);
    a.commit("events", 0, 1);
    const b = broker.join("g", ["events"]); // takes partition 1 while a still handles 1:0
    a.commit("events", 1, 1); // a finished 1:0 before it noticed
    expect(b.poll()).toEqual([]); // a has not released partition 1 yet
    // a rejoins: it goes on from its commits (0:1 was delivered, not committed), b from a's commit.
    expect(a.poll().map((r) => text(r.value))).toEqual(["0:1"]);
    expect(b.poll().map((r) => text(r.value))).toEqual(["1:1"]);
    expect(code(() => a.commit("events", 1, 2))).toBe("NOT_ASSIGNED");
  });

  it("redelivers everything after the last commit when a member crashes (at-least-once)", () => {
    const broker = seeded(1, 5);
    const first = broker.join("g", ["events"]);
    const batch = first.poll(3);
    first.commit("events", 0, batch[1]!.offset + 1); // processed two, crashed during the third
    first.leave();
    const second = broker.join("g", ["events"]);
    expect(second.poll().map((r) => text(r.value))).toEqual(["0:2", "0:3", "0:4"]);
    expect(broker.inspect.committed("g", "events", 0)).toBe(2);
  });

  it("reports lag per partition from committed offsets", () => {
    const broker = seeded(2, 3);
    const m = broker.join("g", ["events"]);
    m.poll();
    m.commit("events", 0, 3);
    expect(broker.inspect.lag("g")).toEqual([
      { topic: "events", partition: 0, highWatermark: 3, committed: 3, lag: 0 },
      { topic: "events", partition: 1, highWatermark: 3, committed: 0, lag: 3 },
    ]);
  });

  it("keeps groups independent", () => {
    const broker = seeded(1, 2);
    const x = broker.join("x", ["events"]);
    const y = broker.join("y", ["events"]);
    x.poll();
    x.commit("events", 0, 2);
    expect(y.poll()).toHaveLength(2);
    expect(broker.inspect.committed("y", "events", 0)).toBeUndefined();
    expect(broker.inspect.groups()).toEqual(["x", "y"]);
  });

  it("refuses commits for partitions it does not own and offsets outside the log", () => {
    const broker = seeded(2, 1);
    const a = broker.join("g", ["events"]);
    broker.join("g", ["events"]);
    a.poll(); // a rejoined after the rebalance: partition 1 is the other member's now
    expect(code(() => a.commit("events", 1, 1))).toBe("NOT_ASSIGNED");
    expect(code(() => a.commit("events", 0, 5))).toBe("INVALID_OFFSET");
    expect(code(() => broker.join("", ["events"]))).toBe("INVALID_GROUP");
  });

  it("wakes a waiting member when a record arrives, and times out otherwise", async () => {
    const broker = createInMemoryBroker();
    broker.createTopic("t");
    const m = broker.join("g", ["t"]);
    const started = Date.now();
    await m.waitForRecords(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const waitedFrom = Date.now();
    const waiting = m.waitForRecords(5_000);
    setTimeout(() => broker.produce("t", { key: null, value: bytes("x") }), 5);
    await waiting;
    // Woken by the record, not by the 5 s timeout (after which the poll below would succeed too).
    expect(Date.now() - waitedFrom).toBeLessThan(2_000);
    expect(m.poll().map((r) => text(r.value))).toEqual(["x"]);
  });
});
