import { describe, expect, it } from "vitest";
import { orderedChannelNeedsPartitionKey as rule } from "../../../src/lint/rules/ordered-channel-needs-partition-key.js";
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

const MISSING =
  'message "OrderCreated" is on per-key ordered channel "orders.events.v1" but has no x-eventline-partition-key';

const valid: ValidCase[] = [
  { name: "keyed messages on per-key channels", catalog: platformCatalog(platform()) },
  {
    name: "an unkeyed message on an unordered channel",
    catalog: broken((p) => {
      delete p.orderCreated.partitionKey;
      p.ordersEvents.ordering = "none";
    }),
  },
  {
    name: "an unkeyed message on a channel without ordering",
    catalog: broken((p) => {
      delete p.orderCreated.partitionKey;
      delete p.ordersEvents.ordering;
    }),
  },
  {
    // Whether the key resolves is partition-key-resolves's business.
    name: "a key that does not resolve",
    catalog: broken((p) => {
      p.orderCreated.partitionKey = "/nope";
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "a message without a key on a per-key channel",
    catalog: broken((p) => void delete p.orderCreated.partitionKey),
    expected: [{ message: MISSING, at: AT.orderCreated }],
  },
  {
    name: "a message only an operation lists",
    catalog: (() => {
      const listed = message("OrderShipped");
      const ch = channel("ordersEvents", { address: "orders.events.v1", ordering: "per-key" });
      return catalog({
        messages: [listed],
        channels: [ch],
        operations: [operation("publish", "send", ch, [listed])],
      });
    })(),
    expected: [
      {
        message:
          'message "OrderShipped" is on per-key ordered channel "orders.events.v1" but has no x-eventline-partition-key',
        at: "asyncapi/orders.yaml#/components/messages/OrderShipped",
      },
    ],
  },
  {
    name: "a message shared by two per-key channels: one finding naming both",
    catalog: (() => {
      const shared = message("Audit");
      const a = channel("a", { address: "audit.a", ordering: "per-key", messages: [shared] });
      const b = channel("b", {
        service: "billing",
        address: "audit.b",
        ordering: "per-key",
        messages: [shared],
      });
      return catalog({ messages: [shared], channels: [a, b] });
    })(),
    expected: [
      {
        message:
          'message "Audit" is on per-key ordered channels "audit.a", "audit.b" but has no x-eventline-partition-key',
        at: "asyncapi/orders.yaml#/components/messages/Audit",
      },
    ],
  },
  {
    // The producer's and the consumer's documents each declare the topic: one channel to the reader.
    name: "one address declared by two services' channels is named once",
    catalog: (() => {
      const shared = message("Audit");
      const a = channel("a", { address: "audit.events", ordering: "per-key", messages: [shared] });
      const b = channel("b", {
        service: "billing",
        address: "audit.events",
        ordering: "per-key",
        messages: [shared],
      });
      return catalog({ messages: [shared], channels: [a, b] });
    })(),
    expected: [
      {
        message:
          'message "Audit" is on per-key ordered channel "audit.events" but has no x-eventline-partition-key',
        at: "asyncapi/orders.yaml#/components/messages/Audit",
      },
    ],
  },
  {
    name: "a channel with a dynamic address is named by its key",
    catalog: broken((p) => {
      delete p.orderCreated.partitionKey;
      p.ordersEvents.address = null;
    }),
    expected: [{ message: MISSING.replace("orders.events.v1", "ordersEvents"), at: AT.orderCreated }],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
