import { describe, expect, it } from "vitest";
import { partitionKeyMatchesKafkaKey as rule } from "../../../src/lint/rules/partition-key-matches-kafka-key.js";
import { AT, broken, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const valid: ValidCase[] = [
  { name: "string key, string property", catalog: platformCatalog(platform()) },
  { name: "no key schema", catalog: broken((p) => void delete p.orderCreated.kafkaKey) },
  {
    name: "a key schema without a type",
    catalog: broken((p) => {
      p.orderCreated.kafkaKey = { format: "uuid" };
    }),
  },
  {
    name: "a key that does not resolve",
    catalog: broken((p) => {
      p.orderCreated.partitionKey = "/nope";
    }),
  },
  {
    name: "number key, integer property",
    catalog: broken((p) => {
      p.orderCreated.kafkaKey = { type: "number" };
      (p.orderCreated.payload!.resolved as { properties: Record<string, unknown> }).properties.orderId = {
        type: "integer",
      };
    }),
  },
  {
    name: "a type list that overlaps",
    catalog: broken((p) => {
      p.orderCreated.kafkaKey = { type: ["string", "null"] };
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "integer key, string property",
    catalog: broken((p) => {
      p.orderCreated.kafkaKey = { type: "integer" };
    }),
    expected: [
      {
        message:
          'Kafka key schema of message "OrderCreated" has type integer, but the payload property /orderId it is read from has type string',
        at: `${AT.orderCreated}/bindings/kafka/key`,
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
