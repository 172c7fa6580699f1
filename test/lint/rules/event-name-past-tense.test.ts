import { describe, expect, it } from "vitest";
import { endsInPastTense, pastParticiple, suggestPastTenseName } from "../../../src/lint/past-tense.js";
import { eventNamePastTense as rule } from "../../../src/lint/rules/event-name-past-tense.js";
import { catalog, channel, message, operation } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const named = (name: string, tags: string[] = []) => catalog({ messages: [message(name, { tags })] });
const at = (name: string) => `asyncapi/orders.yaml#/components/messages/${name}`;
const notPast = (name: string, last: string, suggestion: string) =>
  `event "${name}" is not named in the past tense (its last word is "${last}"); name it after what happened, e.g. "${suggestion}", or tag it \`command\` if it is a command`;

const valid: ValidCase[] = [
  ...[
    "OrderCreated",
    "orderCreated",
    "order_created",
    "order-created",
    "orders.order.created",
    "ORDER_CANCELLED",
    "OrderCreatedV2",
    "order.created.v1",
    "PaymentPaid",
    "InvoiceSent",
    "WarehouseBuilt",
    "BidWon",
    "ParcelLost",
    "OrderShipped",
    "TaskDone",
    "RefundGiven",
    "PasswordReset",
    "ShipmentUndone",
    "FeeRepaid",
    "CustomerNotified",
  ].map((name): ValidCase => ({ name, catalog: named(name) })),
  { name: "a command tag", catalog: named("CreateOrder", ["command"]) },
  { name: "a query tag (any case)", catalog: named("GetOrder", ["Query"]) },
  { name: "a request tag", catalog: named("PriceRequest", ["request"]) },
  { name: "a reply tag", catalog: named("PriceResponse", ["reply"]) },
  {
    name: "a reply message of a request/reply operation",
    catalog: (() => {
      const request = message("PriceQuote", { tags: ["command"] });
      const reply = message("PriceAnswer");
      const ch = channel("prices", { messages: [request, reply] });
      const op = operation("quote", "send", ch, [request], { replyMessages: [reply] });
      return catalog({ messages: [request, reply], channels: [ch], operations: [op] });
    })(),
  },
  {
    name: "a message of a request/reply operation",
    catalog: (() => {
      const m = message("PriceQuote");
      const ch = channel("prices", { messages: [m] });
      return catalog({
        messages: [m],
        channels: [ch],
        operations: [operation("quote", "send", ch, [m], { hasReply: true })],
      });
    })(),
  },
];

const invalid: InvalidCase[] = [
  ["CreateOrder", "Order", "OrderCreated"],
  ["OrderCreate", "Create", "OrderCreated"],
  ["order_create", "create", "order_created"],
  ["order.ship.v2", "ship", "order.shipped.v2"],
  ["paymentPay", "Pay", "paymentPaid"],
  ["ORDER_UPDATE", "UPDATE", "ORDER_UPDATED"],
  ["OrderStatus", "Status", "OrderStatusChanged"],
  ["ProductFeed", "Feed", "ProductFeedChanged"],
  ["InventoryLevelV2", "Level", "InventoryLevelChangedV2"],
  ["send-invoice", "invoice", "invoice-sent"],
  ["ApplyDiscount", "Discount", "DiscountApplied"],
].map(
  ([name, last, suggestion]): InvalidCase => ({
    name: name!,
    catalog: named(name!),
    expected: [{ message: notPast(name!, last!, suggestion!), at: at(name!) }],
  }),
);

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));

  it("says nothing about a name without words", () => {
    expect(rule.check(named("__"))).toEqual([]);
  });

  it("exempts a reply message only as a reply of a request/reply operation", () => {
    const request = message("PriceQuote", { tags: ["command"] });
    const reply = message("PriceAnswer");
    const ch = channel("prices", { messages: [request, reply] });
    const op = operation("quote", "send", ch, [request], { replyMessages: [reply] });
    op.hasReply = false;
    expectFindings(rule, catalog({ messages: [request, reply], channels: [ch], operations: [op] }), [
      { message: /^event "PriceAnswer" is not named in the past tense/, at: at("PriceAnswer") },
    ]);
  });

  it("tags other than the exempt ones do not exempt", () => {
    expectFindings(rule, named("OrderCreate", ["orders", "commands"]), [
      { message: notPast("OrderCreate", "Create", "OrderCreated"), at: at("OrderCreate") },
    ]);
  });
});

describe("past tense helpers", () => {
  it.each([
    ["create", "created"],
    ["ship", "shipped"],
    ["apply", "applied"],
    ["pay", "paid"],
    ["open", "opened"],
    ["fail", "failed"],
    ["cancel", "cancelled"],
    ["play", "played"],
  ])("pastParticiple(%s) = %s", (verb, participle) => expect(pastParticiple(verb)).toBe(participle));

  it.each([
    ["OrderNeed", false],
    ["OrderSpeed", false],
    ["Ordered", true],
    ["Order", false],
    ["Order2", false],
    ["OrderV2", false],
  ])("endsInPastTense(%s) = %s", (name, expected) => expect(endsInPastTense(name)).toBe(expected));

  it("keeps the camelCase of the name", () => {
    expect(suggestPastTenseName("createOrder")).toBe("orderCreated");
  });
});
