import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { formatSarif, type SarifLog } from "../../src/report/sarif.js";
import { EMPTY, FULL, makeReport, NASTY, PARTITION_KEY, UNRESOLVED, VERSION } from "./fixtures.js";

/**
 * The SARIF 2.1.0 schema as Microsoft's SARIF SDK publishes it (version rtm.5, the one that became
 * the OASIS standard), taken from an npm package so the test needs no network.
 */
const SCHEMA_PATH = createRequire(import.meta.url).resolve(
  "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
);
const published = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;

/**
 * That file declares draft-04, which Ajv 8 does not load. Its only draft-04-specific keyword is the
 * top-level `id`; the keywords whose meaning changed after draft-04 (`exclusiveMinimum`,
 * `exclusiveMaximum`) are absent, which the first test checks, so validating it as draft-07 is exact.
 */
function asDraft07(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft, id, ...rest } = schema;
  return { $id: id, ...rest };
}

// `unicodeRegExp: false`: the schema's `language` pattern has a stray `]`, legal only without the u flag.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(asDraft07(published));

function errorsOf(value: unknown): string {
  return validate(value) ? "" : ajv.errorsText(validate.errors);
}

function parse(out: string): SarifLog {
  return JSON.parse(out) as SarifLog;
}

describe("formatSarif", () => {
  it("is checked against the real SARIF 2.1.0 schema, translated losslessly", () => {
    expect(published["$schema"]).toBe("http://json-schema.org/draft-04/schema#");
    expect(String(published["title"])).toContain("SARIF) Version 2.1.0");
    const text = readFileSync(SCHEMA_PATH, "utf8");
    expect(text).not.toMatch(/"exclusiveM(in|ax)imum"/);
    expect(text.match(/"id":\s*"http/g)).toHaveLength(1);
  });

  const reports = [
    { name: "full", report: FULL },
    { name: "empty", report: EMPTY },
    { name: "characters that need escaping", report: makeReport([NASTY]) },
    { name: "no documents and no rules", report: makeReport([UNRESOLVED], { documents: [], rules: [] }) },
    {
      name: "an absolute docs URL and a rule listed twice",
      report: makeReport([PARTITION_KEY], {
        rules: [
          {
            id: "message-has-partition-key",
            description: "a",
            defaultSeverity: "error",
            docs: "https://x.test/r",
          },
          { id: "message-has-partition-key", description: "b", defaultSeverity: "info" },
        ],
      }),
    },
  ];
  for (const { name, report } of reports) {
    it(`validates against the SARIF 2.1.0 schema: ${name}`, () => {
      const out = formatSarif(report);
      expect(errorsOf(JSON.parse(out))).toBe("");
      expect(out.endsWith("}\n")).toBe(true);
      expect(out).not.toContain(report.root);
    });
  }

  it("the schema check is not vacuous", () => {
    const log = JSON.parse(formatSarif(FULL));
    log.runs[0].results[0].level = "warn";
    expect(errorsOf(log)).toMatch(/allowed values/);
  });

  it("describes the tool, and adds rules for ids the registry does not know", () => {
    const [run] = parse(formatSarif(FULL)).runs;
    expect(run!.tool.driver).toEqual({
      name: "eventline",
      version: "0.1.0",
      informationUri: "https://eventline.dev/",
      rules: [
        {
          id: "message-has-partition-key",
          shortDescription: { text: "Every message declares x-eventline-partition-key." },
          defaultConfiguration: { level: "error" },
          helpUri: "https://eventline.dev/docs/rules/message-has-partition-key.md",
        },
        {
          id: "message-has-version",
          shortDescription: { text: "Every message declares x-eventline-version." },
          defaultConfiguration: { level: "warning" },
        },
        {
          id: "asyncapi-document-resolved",
          shortDescription: { text: "asyncapi-document-resolved (no rule description is available)" },
        },
      ],
    });
    expect(run!.automationDetails).toEqual({ id: "validate/" });
    expect(run!.artifacts).toEqual([
      { location: { uri: "asyncapi/orders.yaml", uriBaseId: "%SRCROOT%" } },
      { location: { uri: "asyncapi/payments.yaml", uriBaseId: "%SRCROOT%" } },
    ]);
  });

  it("keeps the first entry when the registry lists a rule twice", () => {
    const report = makeReport([PARTITION_KEY], {
      rules: [
        { id: "message-has-partition-key", description: "first", defaultSeverity: "error" },
        { id: "message-has-partition-key", description: "second", defaultSeverity: "info" },
      ],
    });
    const [run] = parse(formatSarif(report)).runs;
    expect(run!.tool.driver.rules.map((r) => r.shortDescription.text)).toEqual(["first"]);
    expect(run!.results[0]!.ruleIndex).toBe(0);
  });

  const results = [
    {
      name: "full position and a hint",
      input: PARTITION_KEY,
      expected: {
        ruleId: "message-has-partition-key",
        ruleIndex: 0,
        level: "error",
        message: {
          text: "Message OrderCreated has no partition key.\n\nHint: Without a key, events for one order can be consumed out of order.",
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: "asyncapi/orders.yaml", uriBaseId: "%SRCROOT%", index: 0 },
              region: { startLine: 42, startColumn: 7 },
            },
          },
        ],
        partialFingerprints: { "eventline/v1": expect.stringMatching(/^[0-9a-f]{16}$/) },
        properties: { pointer: "/components/messages/OrderCreated" },
      },
    },
    {
      name: "a line without a column",
      input: VERSION,
      expected: expect.objectContaining({
        ruleIndex: 1,
        level: "warning",
        message: { text: "Message OrderCreated has no x-eventline-version." },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: "asyncapi/orders.yaml", uriBaseId: "%SRCROOT%", index: 0 },
              region: { startLine: 42 },
            },
          },
        ],
      }),
    },
    {
      name: "no position: no region",
      input: { ...UNRESOLVED, column: 3 },
      expected: expect.objectContaining({
        ruleIndex: 2,
        level: "note",
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: "asyncapi/payments.yaml", uriBaseId: "%SRCROOT%", index: 1 },
            },
          },
        ],
        properties: { pointer: "" },
      }),
    },
    {
      name: "a file name that is not a valid URI as it stands",
      input: NASTY,
      expected: expect.objectContaining({
        message: {
          text: "100% of a,b: x|y\nsecond line\r\nthird <T> & `code`\n\nHint: fix: a|b,\nthen retry",
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: "asyncapi/odd%2C%20name%3A%20100%25.yaml",
                uriBaseId: "%SRCROOT%",
                index: 2,
              },
              region: { startLine: 3, startColumn: 1 },
            },
          },
        ],
        properties: { pointer: "/channels/a~1b" },
      }),
    },
  ];
  for (const { name, input, expected } of results) {
    it(`maps a diagnostic: ${name}`, () => {
      const report = makeReport([input]);
      const [run] = parse(formatSarif(report)).runs;
      expect(run!.results).toEqual([expected]);
      expect(run!.results[0]!.partialFingerprints["eventline/v1"]).toBe(report.diagnostics[0]!.fingerprint);
    });
  }

  it("lists files that findings point at but that were not checked documents", () => {
    const [run] = parse(formatSarif(makeReport([NASTY]))).runs;
    expect(run!.artifacts.map((a) => a.location.uri)).toEqual([
      "asyncapi/orders.yaml",
      "asyncapi/payments.yaml",
      "asyncapi/odd%2C%20name%3A%20100%25.yaml",
    ]);
  });
});
