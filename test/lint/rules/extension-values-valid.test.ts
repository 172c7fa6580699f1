import { describe, expect, it } from "vitest";
import { extensionValuesValid as rule } from "../../../src/lint/rules/extension-values-valid.js";
import { AT, broken, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const valid: ValidCase[] = [
  { name: "documented values", catalog: platformCatalog(platform()) },
  ...[
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
    "NONE",
  ].map(
    (mode): ValidCase => ({
      name: `compatibility ${mode}`,
      catalog: broken((p) => {
        p.orders.compatibility = mode;
        p.orderCreated.compatibility = mode;
      }),
    }),
  ),
  {
    name: "ordering none",
    catalog: broken((p) => {
      p.ordersEvents.ordering = "none";
    }),
  },
  {
    // Owned by other rules, so not reported twice.
    name: "values other rules own",
    catalog: broken((p) => {
      p.orderCreated.version = "one";
      p.orderCreated.partitionKey = 3;
      p.receive.idempotencyKey = 3;
      p.receive.deadLetter!.maxAttempts = 0;
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "an ordering typo",
    catalog: broken((p) => {
      p.ordersEvents.ordering = "per_key";
    }),
    expected: [
      {
        message:
          'x-eventline-ordering of channel "ordersEvents" is "per_key"; it must be one of per-key, none (did you mean per-key?)',
        at: `${AT.ordersEvents}/x-eventline-ordering`,
      },
    ],
  },
  {
    name: "an ordering that is not a string",
    catalog: broken((p) => {
      p.ordersEvents.ordering = true;
    }),
    expected: [
      {
        message:
          'x-eventline-ordering of channel "ordersEvents" is true (a boolean); it must be one of per-key, none',
        at: `${AT.ordersEvents}/x-eventline-ordering`,
      },
    ],
  },
  {
    name: "a lower-case document compatibility",
    catalog: broken((p) => {
      p.orders.compatibility = "backward";
    }),
    expected: [
      {
        message:
          'x-eventline-compatibility of document asyncapi/orders.yaml is "backward"; it must be one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE (did you mean BACKWARD?)',
        at: `${AT.orders}/x-eventline-compatibility`,
      },
    ],
  },
  {
    name: "an unknown message compatibility",
    catalog: broken((p) => {
      p.orderCreated.compatibility = "STRICT";
    }),
    expected: [
      {
        message:
          /^x-eventline-compatibility of message "OrderCreated" is "STRICT"; it must be one of BACKWARD, /,
        at: `${AT.orderCreated}/x-eventline-compatibility`,
      },
    ],
  },
  {
    name: "a dead letter on a send operation",
    catalog: broken((p) => {
      p.publish.deadLetter = {
        raw: { channel: "x" },
        channel: "x",
        source: { ...p.publish.source, pointer: `${p.publish.source.pointer}/x-eventline-dead-letter` },
      };
    }),
    expected: [
      {
        message:
          'x-eventline-dead-letter on send operation "publishOrderCreated" is ignored: dead letters apply to receive operations',
        at: `${AT.publish}/x-eventline-dead-letter`,
      },
    ],
  },
  {
    name: "an idempotency key on a send operation",
    catalog: broken((p) => {
      p.publish.idempotencyKey = "/orderId";
    }),
    expected: [
      {
        message:
          'x-eventline-idempotency-key on send operation "publishOrderCreated" is ignored: idempotency keys apply to receive operations',
        at: `${AT.publish}/x-eventline-idempotency-key`,
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
