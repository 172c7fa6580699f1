import { describe, expect, it } from "vitest";
import { isEventlineError } from "../../src/errors.js";
import {
  formatGithub,
  formatJson,
  formatMarkdown,
  formatReport,
  formatSarif,
  formatText,
  isReportFormat,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
} from "../../src/report/index.js";
import { FULL, makeReport, PARTITION_KEY } from "./fixtures.js";

describe("formatReport", () => {
  const formatters: Record<ReportFormat, (report: Report) => string> = {
    text: (r) => formatText(r),
    json: formatJson,
    sarif: formatSarif,
    github: formatGithub,
    markdown: (r) => formatMarkdown(r),
  };

  it("has a formatter for every format, and no others", () => {
    expect(Object.keys(formatters).sort()).toEqual([...REPORT_FORMATS].sort());
  });

  for (const format of REPORT_FORMATS) {
    it(`dispatches ${format}`, () => {
      expect(formatReport(FULL, format)).toBe(formatters[format](FULL));
    });
  }

  it("passes each formatter its options", () => {
    expect(formatReport(FULL, "text", { color: true })).toBe(formatText(FULL, { color: true }));
    expect(formatReport(FULL, "text", { color: true })).toContain("\x1b[31m");
    const many = makeReport(Array.from({ length: 30 }, (_, i) => ({ ...PARTITION_KEY, key: String(i) })));
    expect(formatReport(many, "markdown", { maxLength: 1000 })).toBe(
      formatMarkdown(many, { maxLength: 1000 }),
    );
    expect(formatReport(many, "markdown", { maxLength: 1000 })).toContain("not shown");
  });

  it("refuses a format that slipped past the types as a usage error", () => {
    let thrown: unknown;
    try {
      formatReport(FULL, "xml" as ReportFormat);
    } catch (error) {
      thrown = error;
    }
    expect(isEventlineError(thrown) && thrown.code).toBe("USAGE");
    expect(String((thrown as Error).message)).toContain('"xml"');
  });
});

describe("isReportFormat", () => {
  const cases: [unknown, boolean][] = [
    ["text", true],
    ["json", true],
    ["sarif", true],
    ["github", true],
    ["markdown", true],
    ["TEXT", false],
    ["xml", false],
    ["", false],
    [undefined, false],
    [1, false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () => {
      expect(isReportFormat(value)).toBe(expected);
    });
  }
});
