import { describe, expect, it } from "vitest";
import { messageHasEventId as rule } from "../../../src/lint/rules/message-has-event-id.js";
import { AT, broken, catalog, message, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
});
const str = { type: "string" };
const only = (init: Parameters<typeof message>[1]) => catalog({ messages: [message("OrderCreated", init)] });

const cyclic: Record<string, unknown> = obj({ ce_id: str }, ["ce_id"]);
(cyclic.properties as Record<string, unknown>).self = cyclic;

const valid: ValidCase[] = [
  { name: "ce_id required in the headers", catalog: platformCatalog(platform()) },
  { name: "eventId required in the payload", catalog: only({ payload: obj({ eventId: str }, ["eventId"]) }) },
  { name: "id required in the headers", catalog: only({ headers: obj({ id: str }, ["id"]) }) },
  {
    name: "event_id required in the payload",
    catalog: only({ payload: obj({ event_id: str }, ["event_id"]) }),
  },
  {
    name: "messageId required in the headers",
    catalog: only({ headers: obj({ messageId: str }, ["messageId"]) }),
  },
  {
    name: "declared at the root, required by an allOf member",
    catalog: only({ headers: { ...obj({ ce_id: str }), allOf: [{ required: ["ce_id"] }] } }),
  },
  {
    name: "declared and required by an allOf member",
    catalog: only({ headers: { allOf: [{ type: "object" }, obj({ ce_id: str }, ["ce_id"])] } }),
  },
  { name: "a recursive headers schema", catalog: only({ headers: cyclic }) },
  {
    name: "a document that did not parse (nothing resolved to judge)",
    catalog: broken((p) => {
      p.orderCreated.headers!.resolved = undefined;
      p.orderCreated.payload!.resolved = undefined;
    }),
  },
];

const NONE =
  'message "OrderCreated" has no required event id: neither its headers (ce_id, id, eventId, messageId, event_id) ' +
  "nor its payload (eventId, id, messageId, event_id) require one";
const ONLY = "asyncapi/orders.yaml#/components/messages/OrderCreated";

const invalid: InvalidCase[] = [
  { name: "no headers and no payload", catalog: only({}), expected: [{ message: NONE, at: ONLY }] },
  {
    name: "ce_id declared but optional",
    catalog: broken((p) => {
      (p.orderCreated.headers!.resolved as { required: string[] }).required = ["ce_type"];
    }),
    expected: [
      { message: `${NONE}; "ce_id" is declared in the headers but not required`, at: AT.orderCreated },
    ],
  },
  {
    name: "an id required only two allOf levels down",
    catalog: only({ headers: { allOf: [{ allOf: [obj({ ce_id: str }, ["ce_id"])] }] } }),
    expected: [{ message: NONE, at: ONLY }],
  },
  {
    name: "required but not declared",
    catalog: only({ headers: { type: "object", required: ["ce_id"] } }),
    expected: [{ message: NONE, at: ONLY }],
  },
  {
    name: "a header name in the payload does not count",
    catalog: only({ payload: obj({ ce_id: str, orderId: str }, ["ce_id", "orderId"]) }),
    expected: [{ message: NONE, at: ONLY }],
  },
  {
    name: "optional in both places",
    catalog: only({ headers: obj({ ce_id: str }), payload: obj({ eventId: str }) }),
    expected: [
      {
        message: `${NONE}; "ce_id" is declared in the headers and "eventId" is declared in the payload but not required`,
        at: ONLY,
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
