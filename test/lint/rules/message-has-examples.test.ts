import { describe, expect, it } from "vitest";
import { messageHasExamples as rule } from "../../../src/lint/rules/message-has-examples.js";
import { AT, broken, catalog, message, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const valid: ValidCase[] = [
  { name: "one example", catalog: platformCatalog(platform()) },
  {
    name: "an example with headers only",
    catalog: catalog({ messages: [message("Ping", { examples: [{ headers: { ce_id: "1" } }] })] }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "no examples",
    catalog: broken((p) => {
      p.orderCreated.examples = [];
    }),
    expected: [{ message: 'message "OrderCreated" has no examples', at: AT.orderCreated }],
  },
  {
    name: "two messages without examples",
    catalog: broken((p) => {
      p.orderCreated.examples = [];
      p.billingOrderCreated.examples = [];
    }),
    expected: [
      { message: 'message "OrderCreated" has no examples', at: AT.orderCreated },
      { message: 'message "OrderCreated" has no examples', at: AT.billingOrderCreated },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
