import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "../../src/report/github.js";
import { EMPTY, FULL, makeReport, NASTY, UNRESOLVED, VERSION } from "./fixtures.js";

describe("escapeData / escapeProperty", () => {
  const cases = [
    { input: "plain", data: "plain", property: "plain" },
    { input: "100%", data: "100%25", property: "100%25" },
    // `%` must go first, or the `%` of an escape it just wrote would be escaped again.
    { input: "%0A", data: "%250A", property: "%250A" },
    { input: "a\nb", data: "a%0Ab", property: "a%0Ab" },
    { input: "a\r\nb", data: "a%0D%0Ab", property: "a%0D%0Ab" },
    { input: "a:b,c", data: "a:b,c", property: "a%3Ab%2Cc" },
    { input: "::error::x", data: "::error::x", property: "%3A%3Aerror%3A%3Ax" },
    { input: "", data: "", property: "" },
  ];
  for (const { input, data, property } of cases) {
    it(`escapes ${JSON.stringify(input)}`, () => {
      expect(escapeData(input)).toBe(data);
      expect(escapeProperty(input)).toBe(property);
    });
  }
});

describe("formatGithub", () => {
  const cases = [
    {
      name: "one annotation per diagnostic; location parts only when known",
      report: FULL,
      expected: [
        "::error file=asyncapi/orders.yaml,line=42,col=7,title=message-has-partition-key::Message OrderCreated has no partition key.%0AWithout a key, events for one order can be consumed out of order.",
        "::warning file=asyncapi/orders.yaml,line=42,title=message-has-version::Message OrderCreated has no x-eventline-version.",
        "::notice file=asyncapi/payments.yaml,title=asyncapi-document-resolved::Could not resolve $ref ../schemas/missing.json.",
        "1 error, 1 warning, 1 info in 2 documents",
        "",
      ].join("\n"),
    },
    {
      name: "escaping in properties and data",
      report: makeReport([NASTY]),
      expected: [
        "::error file=asyncapi/odd%2C name%3A 100%25.yaml,line=3,col=1,title=message-has-partition-key::" +
          "100%25 of a,b: x|y%0Asecond line%0D%0Athird <T> & `code`%0Afix: a|b,%0Athen retry",
        "1 error, 0 warnings, 0 infos in 2 documents",
        "",
      ].join("\n"),
    },
    {
      name: "a column without a line is not sent",
      report: makeReport([{ ...UNRESOLVED, column: 4 }]),
      expected: [
        "::notice file=asyncapi/payments.yaml,title=asyncapi-document-resolved::Could not resolve $ref ../schemas/missing.json.",
        "0 errors, 0 warnings, 1 info in 2 documents",
        "",
      ].join("\n"),
    },
    {
      name: "a rule id with reserved characters",
      report: makeReport([{ ...VERSION, ruleId: "plugin:x,y" }]),
      expected: [
        "::warning file=asyncapi/orders.yaml,line=42,title=plugin%3Ax%2Cy::Message OrderCreated has no x-eventline-version.",
        "0 errors, 1 warning, 0 infos in 2 documents",
        "",
      ].join("\n"),
    },
    { name: "empty report", report: EMPTY, expected: "No problems found in 2 documents.\n" },
  ];
  for (const { name, report, expected } of cases) {
    it(name, () => {
      expect(formatGithub(report)).toBe(expected);
    });
  }

  it("a message cannot smuggle in a workflow command of its own", () => {
    const out = formatGithub(makeReport([{ ...VERSION, message: "x\n::add-mask::y\r::stop-commands::z" }]));
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith("::"))).toHaveLength(1);
    expect(out).not.toContain("\r");
  });
});
