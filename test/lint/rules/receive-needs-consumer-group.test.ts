import { describe, expect, it } from "vitest";
import { receiveNeedsConsumerGroup as rule } from "../../../src/lint/rules/receive-needs-consumer-group.js";
import { AT, broken, platform, platformCatalog, server } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

/** Takes Kafka away: no channel binding, and an AMQP server only. */
const notKafka = (p: ReturnType<typeof platform>) => {
  p.billingOrders.bindings = {};
  p.billing.servers = [server("billing", "production", "amqp")];
};
const NONE =
  'receive operation "receiveOrderCreated" on Kafka has no consumer group (bindings.kafka.groupId)';

const valid: ValidCase[] = [
  { name: "a group id", catalog: platformCatalog(platform()) },
  {
    name: "not Kafka: no binding on the channel, no Kafka server",
    catalog: broken((p) => {
      notKafka(p);
      delete p.receive.groupId;
      p.receive.bindings = {};
    }),
  },
  {
    name: "send operations need none",
    catalog: broken((p) => {
      delete p.publish.groupId;
      p.publish.bindings = {};
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "no group id on a Kafka channel",
    catalog: broken((p) => {
      delete p.receive.groupId;
      p.receive.bindings = {};
    }),
    expected: [{ message: NONE, at: AT.receive }],
  },
  {
    name: "Kafka known only from the server protocol (kafka-secure)",
    catalog: broken((p) => {
      p.billingOrders.bindings = {};
      p.billing.servers = [server("billing", "production", "KAFKA-SECURE")];
      delete p.receive.groupId;
      p.receive.bindings = {};
    }),
    expected: [{ message: NONE, at: AT.receive }],
  },
  {
    name: "Kafka known only from the channel binding",
    catalog: broken((p) => {
      p.billing.servers = [];
      delete p.receive.groupId;
      p.receive.bindings = {};
    }),
    expected: [{ message: NONE, at: AT.receive }],
  },
  {
    name: "a groupId schema that names no single group",
    catalog: broken((p) => {
      delete p.receive.groupId;
      p.receive.bindings = { kafka: { groupId: { type: "string" } } };
    }),
    expected: [
      {
        message:
          'bindings.kafka.groupId of receive operation "receiveOrderCreated" does not name one consumer group; give it as { type: string, enum: [<group>] } or const',
        at: `${AT.receive}/bindings/kafka/groupId`,
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
