import { describe, expect, it } from "vitest";
import { createConsumer } from "../../src/runtime/consumer.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { until } from "../support/waiting.js";
import { brokersOrSkip } from "./broker.js";
import { kafkaFixture } from "./fixture.js";

// Read at collection time so the file can be skipped (with its reason) when there is no broker.
const brokers = brokersOrSkip("Kafka heartbeat tests");
const available = brokers.length > 0;

describe.runIf(available)("heartbeats during a retry backoff (real broker)", () => {
  const { admin, run, transport, createTopics } = kafkaFixture(brokers, "eventline-heartbeat-tests");

  it("a backoff longer than the session timeout: the record is handled once, by the member that holds it, and the group does not rebalance", async () => {
    const topic = `heartbeat-${run}`;
    const dlq = `heartbeat-dlq-${run}`;
    const groupId = `heartbeat-${run}`;
    await createTopics([topic, dlq], 1);
    const spec: MessageSpec = { name: "Booked", topic, type: "dev.eventline.Booked.v1" };
    let runs = 0;
    let effects = 0;
    // Two members, as two processes would be: the one without the partition takes it over if the
    // other is evicted, and handles the record again.
    const member = () => {
      // 6 s is the broker's smallest allowed session timeout (group.min.session.timeout.ms).
      return createConsumer({
        transport: transport({ sessionTimeout: 6_000, heartbeatInterval: 500 }),
        groupId,
        messages: [spec],
        handlers: {
          Booked: () => {
            runs++;
            if (runs === 1) throw new Error("the ledger is not there yet");
            effects++;
          },
        },
        // 9 s without a heartbeat would outlive the 6 s session.
        retry: { initialDelayMs: 9_000, jitter: 0 },
        deadLetter: { topic: dlq, maxAttempts: 3 },
      });
    };
    const subscriptions = [member().start(), member().start()];
    const failures: unknown[] = [];
    for (const s of subscriptions) s.done.catch((error: unknown) => failures.push(error));
    const groupNow = async () => (await admin.describeGroups([groupId])).groups[0];
    try {
      await until(
        async () => {
          const group = await groupNow();
          return group?.state === "Stable" && group.members.length === 2;
        },
        { ms: 30_000, what: "both members to join", every: 50 },
      );
      const before = (await groupNow())!.members.map((m) => m.memberId).sort();
      await createPublisher({ transport: transport(), source: "/test", messages: [spec] }).publish("Booked", {
        id: 1,
      });
      await until(() => runs === 1, { ms: 30_000, what: "the first attempt", every: 50 });
      await until(() => effects >= 1, { ms: 30_000, what: "the retry to succeed", every: 50 });
      // Long enough for a second handling, or a failed commit, to show.
      await new Promise((r) => setTimeout(r, 3_000));
      const after = await groupNow();
      expect({ runs, effects, failures }).toEqual({ runs: 2, effects: 1, failures: [] });
      expect(after?.state).toBe("Stable");
      expect(after?.members.map((m) => m.memberId).sort()).toEqual(before);
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets?.partitions[0]?.offset).toBe("1");
    } finally {
      await Promise.all(subscriptions.map((s) => s.stop()));
    }
  }, 120_000);
});
