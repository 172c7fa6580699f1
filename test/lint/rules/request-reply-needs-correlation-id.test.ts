import { describe, expect, it } from "vitest";
import { requestReplyNeedsCorrelationId as rule } from "../../../src/lint/rules/request-reply-needs-correlation-id.js";
import type { Message } from "../../../src/model/types.js";
import {
  AT,
  broken,
  catalog,
  channel,
  envelopeHeaders,
  loc,
  message,
  operation,
  platform,
  platformCatalog,
} from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const FILE = "asyncapi/orders.yaml";
const AT_MSG = `${FILE}#/components/messages/ReserveInventory`;
const AT_LOC = `${AT_MSG}/correlationId/location`;

function command(location: string | undefined, init: Parameters<typeof message>[1] = {}): Message {
  const m = message("ReserveInventory", {
    tags: ["command"],
    headers: envelopeHeaders(),
    payload: {
      type: "object",
      properties: {
        requestId: { type: "string" },
        order: { type: "object", properties: { id: { type: "string" } } },
      },
    },
    ...init,
  });
  if (location !== "none") {
    m.correlationId = { source: loc(FILE, "/components/messages/ReserveInventory/correlationId") };
    if (location !== undefined) m.correlationId.location = location;
  }
  return m;
}

function requestReply(m: Message, hasReply = true) {
  const ch = channel("inventoryCommands", { address: "inventory.commands.v1", messages: [m] });
  return catalog({
    messages: [m],
    channels: [ch],
    operations: [operation("reserve", "send", ch, [m], { hasReply })],
  });
}

const valid: ValidCase[] = [
  { name: "no request/reply operation", catalog: platformCatalog(platform()) },
  { name: "a declared header", catalog: requestReply(command("$message.header#/ce_correlationid")) },
  { name: "a declared payload property", catalog: requestReply(command("$message.payload#/requestId")) },
  // Existence is enough: a correlation id may be absent from a message that starts a conversation.
  {
    name: "a nested payload property that is not required",
    catalog: requestReply(command("$message.payload#/order/id")),
  },
  { name: "a percent-encoded fragment", catalog: requestReply(command("$message.payload#/request%49d")) },
  {
    name: "a message without correlationId outside request/reply",
    catalog: requestReply(command("none"), false),
  },
  {
    name: "an unparsed document",
    catalog: requestReply(
      (() => {
        const m = command("$message.header#/x");
        m.headers!.resolved = undefined;
        return m;
      })(),
    ),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "no correlationId",
    catalog: requestReply(command("none")),
    expected: [
      {
        message: 'message "ReserveInventory" is used in a request/reply operation but has no correlationId',
        at: AT_MSG,
      },
    ],
  },
  {
    name: "no location",
    catalog: requestReply(command(undefined)),
    expected: [{ message: 'correlationId of message "ReserveInventory" has no location', at: AT_LOC }],
  },
  {
    name: "not a runtime expression",
    catalog: requestReply(command("ce_correlationid")),
    expected: [
      {
        message:
          'correlationId location "ce_correlationid" of message "ReserveInventory" is not a runtime expression like "$message.header#/ce_correlationid" or "$message.payload#/requestId"',
        at: AT_LOC,
      },
    ],
  },
  {
    name: "the whole header object",
    catalog: requestReply(command("$message.header#")),
    expected: [{ message: /is not a runtime expression/, at: AT_LOC }],
  },
  {
    name: "an undeclared header",
    catalog: requestReply(command("$message.header#/correlation_id")),
    expected: [
      {
        message:
          'correlationId location "$message.header#/correlation_id" of message "ReserveInventory" does not resolve: segment "correlation_id" is not a declared property of the headers root',
        at: AT_LOC,
      },
    ],
  },
  {
    name: "headers location but no headers schema",
    catalog: requestReply(command("$message.header#/ce_correlationid", { headers: null })),
    expected: [
      {
        message:
          'correlationId location "$message.header#/ce_correlationid" of message "ReserveInventory" points into its headers, but it has no headers schema',
        at: AT_LOC,
      },
    ],
  },
  {
    name: "an undeclared nested payload property",
    catalog: requestReply(command("$message.payload#/order/number")),
    expected: [
      { message: /segment "number" is not a declared property of \/order in the payload$/, at: AT_LOC },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));

  it("reports a message used by two request/reply operations once", () => {
    const m = command("none");
    const ch = channel("inventoryCommands", { messages: [m] });
    const c = catalog({
      messages: [m],
      channels: [ch],
      operations: [
        operation("a", "send", ch, [m], { hasReply: true }),
        operation("b", "send", ch, [m], { hasReply: true }),
      ],
    });
    expect(rule.check(c)).toHaveLength(1);
  });

  it("checks the reply messages too, once even when also listed as a request", () => {
    const request = command("$message.header#/ce_correlationid");
    const reply = message("InventoryReserved", { headers: envelopeHeaders(), service: "orders" });
    const ch = channel("inventoryCommands", { messages: [request, reply] });
    const op = operation("reserve", "send", ch, [request, reply], { hasReply: true });
    op.reply = { messageIds: [reply.id], source: loc(FILE, "/operations/reserve/reply") };
    expectFindings(rule, catalog({ messages: [request, reply], channels: [ch], operations: [op] }), [
      {
        message: 'message "InventoryReserved" is used in a request/reply operation but has no correlationId',
        at: `${FILE}#/components/messages/InventoryReserved`,
      },
    ]);
    op.messageIds = [request.id];
    expect(
      rule.check(catalog({ messages: [request, reply], channels: [ch], operations: [op] })),
    ).toHaveLength(1);
  });

  it("checks a reply message's location like a request's", () => {
    const request = command("$message.header#/ce_correlationid");
    const reply = command("$message.payload#/replyTo", { service: "orders" });
    reply.name = "InventoryReservation";
    reply.id = `${FILE}#/components/messages/InventoryReservation`;
    reply.correlationId!.source = loc(FILE, "/components/messages/InventoryReservation/correlationId");
    const ch = channel("inventoryCommands", { messages: [request] });
    const replies = channel("inventoryReplies", { messages: [reply] });
    const op = operation("reserve", "send", ch, [request], { replyMessages: [reply], replyChannel: replies });
    expectFindings(rule, catalog({ messages: [request, reply], channels: [ch, replies], operations: [op] }), [
      {
        message:
          'correlationId location "$message.payload#/replyTo" of message "InventoryReservation" does not resolve: segment "replyTo" is not a declared property of the payload root',
        at: `${FILE}#/components/messages/InventoryReservation/correlationId/location`,
      },
    ]);
  });

  it("skips reply message ids the catalog does not hold", () => {
    const request = command("$message.header#/ce_correlationid");
    const ch = channel("inventoryCommands", { messages: [request] });
    const op = operation("reserve", "send", ch, [request], { replyMessages: [] });
    op.reply!.messageIds = ["asyncapi/elsewhere.yaml#/components/messages/Gone"];
    expect(rule.check(catalog({ messages: [request], channels: [ch], operations: [op] }))).toEqual([]);
  });

  it("looks only at operations with a reply in the platform", () => {
    expectFindings(
      rule,
      broken((p) => {
        p.publish.hasReply = true;
      }),
      [
        {
          message: 'message "OrderCreated" is used in a request/reply operation but has no correlationId',
          at: AT.orderCreated,
        },
      ],
    );
  });
});
