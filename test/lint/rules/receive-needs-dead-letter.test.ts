import { describe, expect, it } from "vitest";
import { receiveNeedsDeadLetter as rule } from "../../../src/lint/rules/receive-needs-dead-letter.js";
import { AT, broken, catalog, channel, operation, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const DL = `${AT.receive}/x-eventline-dead-letter`;
const OP = 'receive operation "receiveOrderCreated"';

const valid: ValidCase[] = [
  { name: "a dead-letter channel in the same document", catalog: platformCatalog(platform()) },
  {
    name: "no maxAttempts (the runtime default applies)",
    catalog: broken((p) => void delete p.receive.deadLetter!.maxAttempts),
  },
  {
    name: "maxAttempts 1",
    catalog: broken((p) => {
      p.receive.deadLetter!.maxAttempts = 1;
    }),
  },
  {
    name: "send operations need none",
    catalog: broken((p) => {
      p.receive.action = "send";
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "no dead letter",
    catalog: broken((p) => void delete p.receive.deadLetter),
    expected: [{ message: `${OP} has no x-eventline-dead-letter`, at: AT.receive }],
  },
  {
    name: "a dead letter that is not an object",
    catalog: broken((p) => {
      p.receive.deadLetter = { raw: "billingDeadLetter", source: p.receive.deadLetter!.source };
    }),
    expected: [
      {
        message: `x-eventline-dead-letter of ${OP} is "billingDeadLetter" (a string); it must be an object { channel, maxAttempts }`,
        at: DL,
      },
    ],
  },
  ...(
    [
      [null, "null"],
      [["billingDeadLetter", 5], "a list"],
      [5, "5 (a number)"],
      [true, "true (a boolean)"],
    ] as const
  ).map(
    ([raw, shown]): InvalidCase => ({
      name: `a dead letter that is ${shown}`,
      catalog: broken((p) => {
        p.receive.deadLetter = { raw, source: p.receive.deadLetter!.source };
      }),
      expected: [
        {
          message: `x-eventline-dead-letter of ${OP} is ${shown}; it must be an object { channel, maxAttempts }`,
          at: DL,
        },
      ],
    }),
  ),
  {
    // The loader copies `channel` only from an object; a stray one must not hide the shape error.
    name: "a string dead letter even when channel fields are present",
    catalog: catalog({
      operations: [
        operation("receiveThings", "receive", channel("things", { service: "billing" }), [], {
          deadLetter: { raw: "things.dlq", channel: "things" },
        }),
      ],
    }),
    expected: [
      {
        message:
          'x-eventline-dead-letter of receive operation "receiveThings" is "things.dlq" (a string); it must be an object { channel, maxAttempts }',
        at: "asyncapi/billing.yaml#/operations/receiveThings/x-eventline-dead-letter",
      },
    ],
  },
  {
    name: "no channel",
    catalog: broken((p) => void delete p.receive.deadLetter!.channel),
    expected: [{ message: `x-eventline-dead-letter of ${OP} has no channel`, at: DL }],
  },
  {
    name: "a channel that is not a string",
    catalog: broken((p) => {
      p.receive.deadLetter!.channel = 3;
    }),
    expected: [
      {
        message: `x-eventline-dead-letter channel of ${OP} is 3 (a number); it must be the key of a channel in the same document`,
        at: `${DL}/channel`,
      },
    ],
  },
  {
    name: "a channel of another document",
    catalog: broken((p) => {
      p.receive.deadLetter!.channel = "ordersDeadLetter";
    }),
    expected: [
      {
        message: `x-eventline-dead-letter channel "ordersDeadLetter" of ${OP} is not a channel of the same document (channels: ordersEvents, billingDeadLetter)`,
        at: `${DL}/channel`,
      },
    ],
  },
  {
    name: "the address instead of the key",
    catalog: broken((p) => {
      p.receive.deadLetter!.channel = "billing.dead-letter.v1";
    }),
    expected: [{ message: /is not a channel of the same document/, at: `${DL}/channel` }],
  },
  {
    name: "the channel it receives from",
    catalog: broken((p) => {
      p.receive.deadLetter!.channel = "ordersEvents";
    }),
    expected: [
      {
        message: `${OP} dead-letters into "orders.events.v1", the channel it receives from, so a poison message would come back forever`,
        at: `${DL}/channel`,
      },
    ],
  },
  ...(
    [
      [0, "0 (a number)"],
      [2.5, "2.5 (a number)"],
      ["5", '"5" (a string)'],
      [-1, "-1 (a number)"],
    ] as const
  ).map(
    ([value, shown]): InvalidCase => ({
      name: `maxAttempts ${shown}`,
      catalog: broken((p) => {
        p.receive.deadLetter!.maxAttempts = value;
      }),
      expected: [
        {
          message: `x-eventline-dead-letter maxAttempts of ${OP} is ${shown}; it must be a positive integer`,
          at: `${DL}/maxAttempts`,
        },
      ],
    }),
  ),
  {
    name: "both a bad channel and a bad maxAttempts",
    catalog: broken((p) => {
      p.receive.deadLetter!.channel = "";
      p.receive.deadLetter!.maxAttempts = 0;
    }),
    expected: [
      { message: /channel of .* is "" \(a string\)/, at: `${DL}/channel` },
      { message: /maxAttempts .* is 0 \(a number\)/, at: `${DL}/maxAttempts` },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
