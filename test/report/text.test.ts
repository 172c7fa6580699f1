import { describe, expect, it } from "vitest";
import { formatText } from "../../src/report/text.js";
import { EMPTY, FULL, makeReport, NASTY, PARTITION_KEY, UNRESOLVED, VERSION } from "./fixtures.js";

describe("formatText", () => {
  const cases = [
    {
      name: "full, line-only and position-less diagnostics, with a hint",
      report: FULL,
      expected: [
        "asyncapi/orders.yaml:42:7 error message-has-partition-key Message OrderCreated has no partition key.",
        "  hint: Without a key, events for one order can be consumed out of order.",
        "asyncapi/orders.yaml:42 warning message-has-version Message OrderCreated has no x-eventline-version.",
        "asyncapi/payments.yaml info asyncapi-document-resolved Could not resolve $ref ../schemas/missing.json.",
        "",
        "1 error, 1 warning, 1 info in 2 documents",
        "",
      ].join("\n"),
    },
    {
      name: "plurals",
      report: makeReport([PARTITION_KEY, { ...PARTITION_KEY, line: 50, key: "2" }], {
        documents: ["asyncapi/orders.yaml"],
      }),
      expected: [
        "asyncapi/orders.yaml:42:7 error message-has-partition-key Message OrderCreated has no partition key.",
        "  hint: Without a key, events for one order can be consumed out of order.",
        "asyncapi/orders.yaml:50:7 error message-has-partition-key Message OrderCreated has no partition key.",
        "  hint: Without a key, events for one order can be consumed out of order.",
        "",
        "2 errors, 0 warnings, 0 infos in 1 document",
        "",
      ].join("\n"),
    },
    {
      name: "a column without a line is not shown",
      report: makeReport([{ ...UNRESOLVED, column: 9 }]),
      expected:
        "asyncapi/payments.yaml info asyncapi-document-resolved Could not resolve $ref ../schemas/missing.json.\n\n" +
        "0 errors, 0 warnings, 1 info in 2 documents\n",
    },
    {
      name: "multi-line messages and hints become indented continuation lines",
      report: makeReport([NASTY]),
      expected: [
        "asyncapi/odd, name: 100%.yaml:3:1 error message-has-partition-key 100% of a,b: x|y",
        "  second line",
        "  third <T> & `code`",
        "  hint: fix: a|b,",
        "        then retry",
        "",
        "1 error, 0 warnings, 0 infos in 2 documents",
        "",
      ].join("\n"),
    },
    {
      name: "terminal control characters from documents are shown, not executed",
      report: makeReport([{ ...VERSION, file: "a\nb.yaml", message: "x\x1b[2Jy\rz\u009b", hint: "\x07" }]),
      expected: [
        "a\\u000ab.yaml:42 warning message-has-version x\\u001b[2Jy\\u000dz\\u009b",
        "  hint: \\u0007",
        "",
        "0 errors, 1 warning, 0 infos in 2 documents",
        "",
      ].join("\n"),
    },
    { name: "empty report", report: EMPTY, expected: "No problems found in 2 documents.\n" },
    {
      name: "empty report, one document",
      report: makeReport([], { documents: ["asyncapi/orders.yaml"] }),
      expected: "No problems found in 1 document.\n",
    },
    {
      name: "no documents",
      report: makeReport([], { documents: [] }),
      expected: "No problems found in 0 documents.\n",
    },
  ];

  for (const { name, report, expected } of cases) {
    it(name, () => {
      expect(formatText(report)).toBe(expected);
      expect(formatText(report, { color: false })).toBe(expected);
    });
  }

  it("colours only the severity word, and only when asked", () => {
    const out = formatText(FULL, { color: true });
    expect(out.split("\n").slice(0, 4)).toEqual([
      "asyncapi/orders.yaml:42:7 \x1b[31merror\x1b[39m message-has-partition-key Message OrderCreated has no partition key.",
      "  hint: Without a key, events for one order can be consumed out of order.",
      "asyncapi/orders.yaml:42 \x1b[33mwarning\x1b[39m message-has-version Message OrderCreated has no x-eventline-version.",
      "asyncapi/payments.yaml \x1b[36minfo\x1b[39m asyncapi-document-resolved Could not resolve $ref ../schemas/missing.json.",
    ]);
    expect(formatText(FULL)).not.toContain("\x1b");
  });
});
