import { type Admin, Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerLag } from "../../../src/kafka/admin/consumer-lag.js";
import { adminBroker } from "./broker-suite.js";

const { brokers, available, run } = adminBroker("Kafka consumer lag");

describe.runIf(available)("consumerLag (real broker)", () => {
  const kafka = new Kafka({ clientId: "eventline-tests", brokers, logLevel: logLevel.NOTHING });
  let admin: Admin;
  const events = `${run}.events`;
  const other = `${run}.other`;
  const dlq = `${run}.dlq`;
  const group = `${run}-group`;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: events, numPartitions: 2 },
        { topic: other, numPartitions: 1 },
        { topic: dlq, numPartitions: 3 },
      ],
    });
    // Idempotent: a retried send must not duplicate records, the expected offsets are exact.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    // Explicit partitions: 6 records on partition 0, 4 on partition 1 of `events`.
    await producer.send({
      topic: events,
      messages: Array.from({ length: 10 }, (_, i) => ({ partition: i < 6 ? 0 : 1, value: `e${i}` })),
    });
    await producer.send({ topic: other, messages: [{ value: "o" }, { value: "o" }] });
    await producer.send({
      topic: dlq,
      messages: [
        { partition: 0, value: "x" },
        { partition: 2, value: "y" },
        { partition: 2, value: "z" },
      ],
    });
    await producer.disconnect();
    // The group has read 4 of partition 0 and nothing of partition 1, and all of `other`.
    await admin.setOffsets({ groupId: group, topic: events, partitions: [{ partition: 0, offset: "4" }] });
    await admin.setOffsets({ groupId: group, topic: other, partitions: [{ partition: 0, offset: "2" }] });
  });
  afterAll(async () => {
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [events, other, dlq] });
    await admin.disconnect();
  });

  it("reports committed offset, end offset and lag per partition, and totals", async () => {
    const report = await consumerLag(admin, {
      groups: [{ groupId: group, topics: [events, `${run}.missing`] }],
      deadLetterTopics: [dlq],
    });
    expect(report.groups).toEqual([
      {
        groupId: group,
        state: "Empty",
        members: 0,
        lag: 6,
        topics: [
          {
            topic: events,
            exists: true,
            lag: 6,
            partitions: [
              { partition: 0, committed: 4, start: 0, end: 6, lag: 2 },
              // Nothing committed: a new group starting at the earliest offset has all of it to read.
              { partition: 1, committed: null, start: 0, end: 4, lag: 4 },
            ],
          },
          { topic: `${run}.missing`, exists: false, lag: 0, partitions: [] },
          // Not expected by the caller, but committed on: reported too.
          {
            topic: other,
            exists: true,
            lag: 0,
            partitions: [{ partition: 0, committed: 2, start: 0, end: 2, lag: 0 }],
          },
        ],
      },
    ]);
  });

  it("reports the depth of dead-letter topics, and missing ones", async () => {
    const report = await consumerLag(admin, { groups: [], deadLetterTopics: [dlq, `${run}.no-dlq`] });
    expect(report.deadLetters).toEqual([
      {
        topic: dlq,
        exists: true,
        depth: 3,
        partitions: [
          { partition: 0, start: 0, end: 1, depth: 1 },
          { partition: 1, start: 0, end: 0, depth: 0 },
          { partition: 2, start: 0, end: 2, depth: 2 },
        ],
      },
      { topic: `${run}.no-dlq`, exists: false, depth: 0, partitions: [] },
    ]);
  });

  it("counts only what is retained: records deleted below the committed offset are not lag", async () => {
    await admin.deleteTopicRecords({ topic: events, partitions: [{ partition: 1, offset: "3" }] });
    const report = await consumerLag(admin, { groups: [group] });
    expect(report.groups[0]!.topics.find((t) => t.topic === events)!.partitions[1]).toEqual({
      partition: 1,
      committed: null,
      start: 3,
      end: 4,
      lag: 1,
    });
  });

  it("reports an unknown group as Dead with no topics", async () => {
    const report = await consumerLag(admin, { groups: [`${run}-nobody`] });
    expect(report.groups).toEqual([
      { groupId: `${run}-nobody`, state: "Dead", members: 0, lag: 0, topics: [] },
    ]);
  });

  it("lists every group of the cluster when none is given", async () => {
    const report = await consumerLag(admin);
    expect(report.groups.map((g) => g.groupId)).toContain(group);
  });
});
