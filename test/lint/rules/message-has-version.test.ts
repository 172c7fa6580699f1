import { describe, expect, it } from "vitest";
import { messageHasVersion as rule } from "../../../src/lint/rules/message-has-version.js";
import { AT, broken, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const valid: ValidCase[] = [
  { name: "version 1", catalog: platformCatalog(platform()) },
  {
    name: "version 0 (pre-release major)",
    catalog: broken((p) => {
      p.orderCreated.version = 0;
    }),
  },
  {
    name: "a large major",
    catalog: broken((p) => {
      p.orderCreated.version = 42;
    }),
  },
];

const bad = (value: unknown, shown: string): InvalidCase => ({
  name: `version ${shown}`,
  catalog: broken((p) => {
    p.orderCreated.version = value;
  }),
  expected: [
    {
      message: `x-eventline-version of message "OrderCreated" is ${shown}; it must be a non-negative integer major version such as 1`,
      at: `${AT.orderCreated}/x-eventline-version`,
    },
  ],
});

const invalid: InvalidCase[] = [
  {
    name: "no version",
    catalog: broken((p) => {
      delete p.orderCreated.version;
      delete p.orderCreated.major;
    }),
    expected: [{ message: 'message "OrderCreated" has no x-eventline-version', at: AT.orderCreated }],
  },
  bad("1", '"1" (a string)'),
  bad(1.5, "1.5 (a number)"),
  bad(-1, "-1 (a number)"),
  bad(null, "null"),
  bad("v2", '"v2" (a string)'),
  bad({ major: 1 }, "an object"),
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
});
