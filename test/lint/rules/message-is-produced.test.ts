import { describe, expect, it } from "vitest";
import { messageIsProduced as rule } from "../../../src/lint/rules/message-is-produced.js";
import { AT, broken, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const UNPRODUCED =
  'message "OrderCreated" is received from "orders.events.v1" (by billing/receiveOrderCreated) but no operation in the catalog sends it';

const valid: ValidCase[] = [
  { name: "sent by another service", catalog: platformCatalog(platform()) },
  {
    name: "a dynamic address (nothing to match it with)",
    catalog: broken((p) => {
      p.billingOrders.address = null;
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "nobody sends",
    catalog: broken((p) => {
      p.publish.messageIds = [];
    }),
    expected: [{ message: UNPRODUCED, at: AT.billingOrderCreated }],
  },
  {
    name: "the producer sends to another address",
    catalog: broken((p) => {
      p.ordersEvents.address = "orders.v1";
    }),
    expected: [{ message: UNPRODUCED, at: AT.billingOrderCreated }],
  },
  {
    name: "the producer names the message differently",
    catalog: broken((p) => {
      p.orderCreated.name = "OrderOpened";
    }),
    expected: [{ message: UNPRODUCED, at: AT.billingOrderCreated }],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
