import { describe, expect, it } from "vitest";
import {
  nearestExtension,
  extensionNameKnown as rule,
} from "../../../src/lint/rules/extension-name-known.js";
import { AT, broken, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const valid: ValidCase[] = [
  { name: "a platform without extensions", catalog: platformCatalog(platform()) },
  {
    name: "every extension in its place",
    catalog: broken((p) => {
      p.orders.extensions = {
        "x-eventline-compatibility": "BACKWARD",
        "x-eventline-service": "orders",
        "info/x-eventline-owner": "team-orders",
      };
      p.ordersEvents.extensions = { "x-eventline-ordering": "per-key" };
      p.orderCreated.extensions = {
        "x-eventline-partition-key": "/orderId",
        "x-eventline-version": 1,
        "x-eventline-compatibility": "FULL",
      };
      p.receive.extensions = { "x-eventline-dead-letter": {}, "x-eventline-idempotency-key": "/orderId" };
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "a misspelt message extension",
    catalog: broken((p) => {
      p.orderCreated.extensions = { "x-eventline-partition_key": "/orderId" };
    }),
    expected: [
      {
        message:
          "x-eventline-partition_key is not an Eventline extension; did you mean x-eventline-partition-key?",
        at: `${AT.orderCreated}/x-eventline-partition_key`,
      },
    ],
  },
  {
    name: "a near miss by two letters",
    catalog: broken((p) => {
      p.ordersEvents.extensions = { "x-eventline-ordrng": "per-key" };
    }),
    expected: [
      { message: /did you mean x-eventline-ordering\?$/, at: `${AT.ordersEvents}/x-eventline-ordrng` },
    ],
  },
  {
    name: "a known extension in the wrong place",
    catalog: broken((p) => {
      p.orderCreated.extensions = { "x-eventline-ordering": "per-key" };
    }),
    expected: [
      {
        message: "x-eventline-ordering belongs on the channel, not on the message; Eventline ignores it here",
        at: `${AT.orderCreated}/x-eventline-ordering`,
      },
    ],
  },
  {
    name: "an unknown extension with no near miss, in info",
    catalog: broken((p) => {
      p.orders.extensions = { "info/x-eventline-sla": "99.9" };
    }),
    expected: [
      {
        message: "x-eventline-sla is not an Eventline extension; Eventline ignores it",
        at: `${AT.orders}/info/x-eventline-sla`,
      },
    ],
  },
  {
    name: "an operation extension on a channel",
    catalog: broken((p) => {
      p.billingOrders.extensions = { "x-eventline-dead-letter": { channel: "x" } };
    }),
    expected: [
      {
        message: /^x-eventline-dead-letter belongs on the receive operation, not on the channel/,
        at: "asyncapi/billing.yaml#/channels/ordersEvents/x-eventline-dead-letter",
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));

  it.each([
    ["x-eventline-PartitionKey", "x-eventline-partition-key"],
    ["x-eventline-idempotency_key", "x-eventline-idempotency-key"],
    ["x-eventline-versoin", "x-eventline-version"],
    ["x-eventline-something-else", undefined],
  ])("suggests %s → %s", (name, expected) => expect(nearestExtension(name)).toBe(expected));
});
