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
      p.orders.extensions = { "info/x-eventline-tier": "99.9" };
    }),
    expected: [
      {
        message: "x-eventline-tier is not an Eventline extension; Eventline ignores it",
        at: `${AT.orders}/info/x-eventline-tier`,
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
  {
    name: "a near miss of an extension read elsewhere",
    catalog: broken((p) => {
      p.orderCreated.extensions = { "x-eventline-Ordering": "per-key" };
    }),
    expected: [
      {
        message:
          "x-eventline-Ordering is not an Eventline extension; did you mean x-eventline-ordering? (it belongs on the channel)",
        at: `${AT.orderCreated}/x-eventline-Ordering`,
      },
    ],
  },
  {
    name: "the owner on a message (it is read at the root and in info)",
    catalog: broken((p) => {
      p.orderCreated.extensions = { "x-eventline-owner": "team-orders" };
    }),
    expected: [
      {
        message:
          "x-eventline-owner belongs on the document root or info, not on the message; Eventline ignores it here",
        at: `${AT.orderCreated}/x-eventline-owner`,
      },
    ],
  },
  {
    name: "a document-level extension in info",
    catalog: broken((p) => {
      p.orders.extensions = { "info/x-eventline-compatibility": "BACKWARD" };
    }),
    expected: [
      {
        message: /^x-eventline-compatibility belongs on the document root or the message, not on info/,
        at: `${AT.orders}/info/x-eventline-compatibility`,
      },
    ],
  },
  {
    name: "a key that needs escaping in the pointer",
    catalog: broken((p) => {
      p.receive.extensions = { "x-eventline-retry/max": 3 };
    }),
    expected: [
      {
        message: "x-eventline-retry/max is not an Eventline extension; Eventline ignores it",
        at: `${AT.receive}/x-eventline-retry~1max`,
      },
    ],
  },
  {
    name: "several keys on one node, each at its own pointer",
    catalog: broken((p) => {
      p.receive.extensions = {
        "x-eventline-dead-letter": { channel: "billingDeadLetter" },
        "x-eventline-deadletter": {},
        "x-eventline-version": 2,
      };
    }),
    expected: [
      {
        message:
          "x-eventline-deadletter is not an Eventline extension; did you mean x-eventline-dead-letter?",
        at: `${AT.receive}/x-eventline-deadletter`,
      },
      {
        message: /^x-eventline-version belongs on the message, not on the receive operation/,
        at: `${AT.receive}/x-eventline-version`,
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

  it("prefers, on a tie, the name read at the place", () => {
    // Two edits from both x-eventline-version (message) and x-eventline-service (document root).
    expect(nearestExtension("x-eventline-servion", "message")).toBe("x-eventline-version");
    expect(nearestExtension("x-eventline-servion", "document")).toBe("x-eventline-service");
  });

  it("leaves receive-only extensions on a send operation to extension-values-valid", () => {
    const c = broken((p) => {
      p.publish.extensions = { "x-eventline-dead-letter": { channel: "x" } };
    });
    expect(rule.check(c)).toEqual([]);
  });
});
