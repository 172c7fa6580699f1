import { describe, expect, it } from "vitest";
import { plural, severityLabel, summaryLine } from "../../src/report/wording.js";
import { makeReport } from "./fixtures.js";

describe("plural", () => {
  const cases: [number, string, string][] = [
    [0, "error", "0 errors"],
    [1, "error", "1 error"],
    [2, "error", "2 errors"],
    [1, "info", "1 info"],
    [3, "info", "3 infos"],
  ];
  for (const [count, noun, expected] of cases) {
    it(`${count} ${noun}`, () => expect(plural(count, noun)).toBe(expected));
  }
});

describe("severityLabel", () => {
  it("spells warn the way compilers do", () => {
    expect([severityLabel("error"), severityLabel("warn"), severityLabel("info")]).toEqual([
      "error",
      "warning",
      "info",
    ]);
  });
});

describe("summaryLine", () => {
  const cases = [
    {
      summary: { error: 3, warn: 1, info: 0 },
      documents: 5,
      expected: "3 errors, 1 warning, 0 infos in 5 documents",
    },
    {
      summary: { error: 0, warn: 0, info: 2 },
      documents: 1,
      expected: "0 errors, 0 warnings, 2 infos in 1 document",
    },
    { summary: { error: 0, warn: 0, info: 0 }, documents: 5, expected: "No problems found in 5 documents." },
    { summary: { error: 0, warn: 0, info: 0 }, documents: 1, expected: "No problems found in 1 document." },
  ];
  for (const { summary, documents, expected } of cases) {
    it(expected, () => {
      const report = makeReport([], {
        summary,
        documents: Array.from({ length: documents }, (_, i) => `d${i}.yaml`),
      });
      expect(summaryLine(report)).toBe(expected);
    });
  }
});
