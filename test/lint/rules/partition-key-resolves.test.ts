import { describe, expect, it } from "vitest";
import { partitionKeyResolves as rule } from "../../../src/lint/rules/partition-key-resolves.js";
import { AT, broken, catalog, message, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const str = { type: "string" };
const nested = {
  type: "object",
  properties: {
    order: { type: "object", properties: { id: str, note: str }, required: ["id"] },
    "a/b": { type: "object", properties: { "c~d": str }, required: ["c~d"] },
  },
  required: ["order", "a/b"],
};
const withKey = (partitionKey: unknown, payload: unknown = nested) =>
  catalog({ messages: [message("OrderPlaced", { partitionKey, payload })] });
const KEY = "asyncapi/orders.yaml#/components/messages/OrderPlaced/x-eventline-partition-key";

const valid: ValidCase[] = [
  { name: "a required top-level property", catalog: platformCatalog(platform()) },
  { name: "no key at all", catalog: broken((p) => void delete p.orderCreated.partitionKey) },
  { name: "a required nested property", catalog: withKey("/order/id") },
  { name: "escaped segments (~1 and ~0)", catalog: withKey("/a~1b/c~0d") },
  {
    name: "a property declared and required through allOf",
    catalog: withKey("/orderId", { allOf: [{ properties: { orderId: str } }, { required: ["orderId"] }] }),
  },
  {
    name: "a document that did not parse",
    catalog: broken((p) => {
      p.orderCreated.payload!.resolved = undefined;
    }),
  },
];

const bad = (name: string, key: unknown, shown: string, rest: string, payload?: unknown): InvalidCase => ({
  name,
  catalog: withKey(key, payload),
  expected: [{ message: `x-eventline-partition-key ${shown} of message "OrderPlaced" ${rest}`, at: KEY }],
});

const invalid: InvalidCase[] = [
  bad("a number", 42, "42 (a number)", "is not a string"),
  bad("no leading slash", "orderId", '"orderId"', 'is not a JSON pointer: it must start with "/"'),
  bad("the whole payload", "", '""', "names the whole payload, not a property"),
  bad(
    "an undeclared top-level property",
    "/orderId",
    '"/orderId"',
    'does not resolve: segment "orderId" is not a declared property of the payload root',
  ),
  bad(
    "an undeclared nested property",
    "/order/customerId",
    '"/order/customerId"',
    'does not resolve: segment "customerId" is not a declared property of /order in the payload',
  ),
  bad(
    "an optional nested property",
    "/order/note",
    '"/order/note"',
    'does not resolve to a required property: segment "note" is optional in /order in the payload',
  ),
  bad(
    "an optional parent",
    "/order/id",
    '"/order/id"',
    'does not resolve to a required property: segment "order" is optional in the payload root',
    { type: "object", properties: { order: nested.properties.order } },
  ),
  bad(
    "a property required only two allOf levels down",
    "/orderId",
    '"/orderId"',
    'does not resolve: segment "orderId" is not a declared property of the payload root',
    { allOf: [{ allOf: [{ properties: { orderId: str }, required: ["orderId"] }] }] },
  ),
  {
    name: "a message without a payload",
    catalog: catalog({ messages: [message("OrderPlaced", { partitionKey: "/orderId" })] }),
    expected: [
      {
        message:
          'x-eventline-partition-key "/orderId" of message "OrderPlaced" cannot resolve: the message has no payload schema',
        at: KEY,
      },
    ],
  },
  {
    name: "the platform's key made optional",
    catalog: broken((p) => {
      (p.orderCreated.payload!.resolved as { required: string[] }).required = ["total"];
    }),
    expected: [
      {
        message:
          'x-eventline-partition-key "/orderId" of message "OrderCreated" does not resolve to a required property: segment "orderId" is optional in the payload root',
        at: `${AT.orderCreated}/x-eventline-partition-key`,
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
