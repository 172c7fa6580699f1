import { describe, expect, it } from "vitest";
import { messageIsConsumed as rule } from "../../../src/lint/rules/message-is-consumed.js";
import {
  AT,
  broken,
  catalog,
  channel,
  message,
  operation,
  platform,
  platformCatalog,
} from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const UNCONSUMED =
  'message "OrderCreated" is sent to "orders.events.v1" (by orders/publishOrderCreated) but no operation in the catalog receives it';

const valid: ValidCase[] = [
  { name: "received by another service (its own copy of the message)", catalog: platformCatalog(platform()) },
  {
    name: "a dynamic address (nothing to match it with)",
    catalog: broken((p) => {
      p.ordersEvents.address = null;
    }),
  },
  {
    name: "received by the sending service itself",
    catalog: (() => {
      const m = message("Tick");
      const ch = channel("ticks", { messages: [m] });
      return catalog({
        messages: [m],
        channels: [ch],
        operations: [operation("s", "send", ch, [m]), operation("r", "receive", ch, [m])],
      });
    })(),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "nobody receives",
    catalog: broken((p) => {
      p.receive.action = "send";
    }),
    expected: [
      { message: UNCONSUMED, at: AT.orderCreated },
      // The billing copy is now also sent, and received by no one.
      {
        message:
          'message "OrderCreated" is sent to "orders.events.v1" (by billing/receiveOrderCreated) but no operation in the catalog receives it',
        at: AT.billingOrderCreated,
      },
    ],
  },
  {
    name: "the consumer listens on another address",
    catalog: broken((p) => {
      p.billingOrders.address = "orders.events.v2";
    }),
    expected: [{ message: UNCONSUMED, at: AT.orderCreated }],
  },
  {
    name: "the consumer names the message differently",
    catalog: broken((p) => {
      p.billingOrderCreated.name = "OrderWasCreated";
    }),
    expected: [{ message: UNCONSUMED, at: AT.orderCreated }],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));

  it("reports a message sent by two operations on one address once", () => {
    const p = platform();
    p.receive.messageIds = [];
    const c = platformCatalog(p);
    const twice = {
      ...c,
      operations: [...c.operations, { ...p.publish, id: "orders/publishAgain", key: "publishAgain" }],
    };
    expect(rule.check(twice).map((f) => f.message)).toEqual([UNCONSUMED]);
  });
});
