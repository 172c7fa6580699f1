import { describe, expect, it } from "vitest";
import { idempotencyKeyResolves as rule } from "../../../src/lint/rules/idempotency-key-resolves.js";
import { AT, broken, message, orderCreatedPayload, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const KEY = `${AT.receive}/x-eventline-idempotency-key`;
const WHAT = 'x-eventline-idempotency-key "/orderId" of operation "receiveOrderCreated"';

const valid: ValidCase[] = [
  { name: "a key every message requires", catalog: platformCatalog(platform()) },
  { name: "no key (the envelope id is used)", catalog: broken((p) => void delete p.receive.idempotencyKey) },
  {
    // A send operation's key is ignored; extension-values-valid reports it there.
    name: "an unresolvable key on a send operation",
    catalog: broken((p) => {
      p.publish.idempotencyKey = "/nope";
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "not a pointer",
    catalog: broken((p) => {
      p.receive.idempotencyKey = "orderId";
    }),
    expected: [
      {
        message:
          'x-eventline-idempotency-key "orderId" of operation "receiveOrderCreated" is not a JSON pointer: it must start with "/"',
        at: KEY,
      },
    ],
  },
  {
    name: "not a string",
    catalog: broken((p) => {
      p.receive.idempotencyKey = ["/orderId"];
    }),
    expected: [
      {
        message: 'x-eventline-idempotency-key a list of operation "receiveOrderCreated" is not a string',
        at: KEY,
      },
    ],
  },
  {
    name: "optional in the payload",
    catalog: broken((p) => {
      (p.billingOrderCreated.payload!.resolved as { required: string[] }).required = [];
    }),
    expected: [
      {
        message: `${WHAT} does not resolve to a required property: segment "orderId" is optional in the payload root of message "OrderCreated"`,
        at: KEY,
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));

  it("must resolve in every message of the operation, one finding per message that lacks it", () => {
    const p = platform();
    const amended = message("OrderAmended", {
      service: "billing",
      payload: { type: "object", properties: {} },
    });
    const bare = message("OrderNoted", { service: "billing" });
    const ok = message("OrderPaid", { service: "billing", payload: orderCreatedPayload() });
    p.receive.messageIds.push(amended.id, bare.id, ok.id);
    const c = platformCatalog(p);
    const withExtra = { ...c, messages: [...c.messages, amended, bare, ok] };
    const findings = rule.check(withExtra);
    expect(findings.map((f) => [f.message, f.key])).toEqual([
      [
        `${WHAT} does not resolve: segment "orderId" is not a declared property of the payload root of message "OrderAmended"`,
        amended.id,
      ],
      [`${WHAT} cannot resolve in message "OrderNoted": it has no payload schema`, bare.id],
    ]);
  });
});
