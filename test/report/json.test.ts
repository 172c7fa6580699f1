import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { findingText } from "../../src/report/finding-text.js";
import { formatJson, JSON_REPORT_SCHEMA_ID } from "../../src/report/json.js";
import { EMPTY, FULL, makeReport, NASTY, PARTITION_KEY, UNRESOLVED } from "./fixtures.js";

const schema = JSON.parse(
  readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8"),
) as { $id: string };

// Strict mode on purpose: a typo in the schema (an unknown keyword) must fail here, not be ignored.
const ajv = new Ajv2020({ strict: true, allErrors: true });
// ajv-formats is CommonJS; under NodeNext its default import is module.exports, which carries `default`.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function errorsOf(value: unknown): string {
  return validate(value) ? "" : ajv.errorsText(validate.errors);
}

// One breaking change with every field `eventline compat` sets, found against two versions.
const COMPAT = makeReport([{ ...PARTITION_KEY, ruleId: "payload-incompatible" }], {
  command: "compat",
  compat: { compatible: true, mode: "backward", versions: ["v1.0.0", "v1.1.0"] },
});
Object.assign(COMPAT.diagnostics[0]!, {
  breaking: true,
  witness: { id: "o-1", total: -1 },
  witnessPointer: "/total",
  witnessStatus: "found",
  consumers: [{ serviceId: "billing", operationId: "billing/receiveOrderCreated", breaks: true }],
  acknowledged: { reason: "agreed with billing", expires: "2030-01-31", expired: false },
  against: "v1.0.0",
  alsoAgainst: ["v1.1.0"],
});

// A break no witness was found for within the budget: `witness: null` and the reason.
const UNVERIFIED = makeReport([{ ...PARTITION_KEY, ruleId: "payload-incompatible" }], {
  command: "compat",
  compat: { compatible: false, mode: "backward" },
});
Object.assign(UNVERIFIED.diagnostics[0]!, {
  breaking: true,
  witness: null,
  witnessStatus: "unverified",
  witnessReason: "no message found within the search budget",
});

describe("formatJson", () => {
  it("points at the schema it is validated against", () => {
    expect(schema.$id).toBe(JSON_REPORT_SCHEMA_ID);
    expect(JSON.parse(formatJson(EMPTY)).$schema).toBe(schema.$id);
  });

  const reports = [
    { name: "full", report: FULL },
    { name: "empty", report: EMPTY },
    { name: "characters that need escaping", report: makeReport([NASTY]) },
    { name: "no documents", report: makeReport([], { documents: [] }) },
    { name: "a compat verdict with every compat field", report: COMPAT },
    { name: "a compat break without a witness", report: UNVERIFIED },
  ];
  for (const { name, report } of reports) {
    it(`validates against the schema: ${name}`, () => {
      const out = formatJson(report);
      expect(errorsOf(JSON.parse(out))).toBe("");
      expect(out.endsWith("}\n")).toBe(true);
      expect(out).not.toContain(report.root);
    });
  }

  it("has the documented shape, in a stable key order", () => {
    const out = formatJson(makeReport([PARTITION_KEY, UNRESOLVED]));
    expect(JSON.parse(out)).toEqual({
      $schema: "https://eventline.dev/schemas/report.schema.json",
      version: 2,
      tool: { name: "eventline", version: "0.1.0" },
      command: "validate",
      documents: ["asyncapi/orders.yaml", "asyncapi/payments.yaml"],
      summary: { error: 1, warn: 0, info: 1 },
      diagnostics: [
        {
          ruleId: "message-has-partition-key",
          severity: "error",
          message: "Message OrderCreated has no partition key.",
          file: "asyncapi/orders.yaml",
          pointer: "/components/messages/OrderCreated",
          line: 42,
          column: 7,
          hint: "Without a key, events for one order can be consumed out of order.",
          fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
        {
          ruleId: "asyncapi-document-resolved",
          severity: "info",
          message: "Could not resolve $ref ../schemas/missing.json.",
          file: "asyncapi/payments.yaml",
          pointer: "",
          fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
      ],
    });
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual([
      "$schema",
      "version",
      "tool",
      "command",
      "documents",
      "summary",
      "diagnostics",
    ]);
    expect(Object.keys(parsed.diagnostics[0])).toEqual([
      "ruleId",
      "severity",
      "message",
      "file",
      "pointer",
      "line",
      "column",
      "hint",
      "fingerprint",
    ]);
    expect(out.startsWith('{\n  "$schema": ')).toBe(true);
  });

  it("writes the verdict before the findings and every compat field of a finding", () => {
    const out = JSON.parse(formatJson(COMPAT));
    expect(Object.keys(out)).toEqual([
      "$schema",
      "version",
      "tool",
      "command",
      "documents",
      "compatible",
      "mode",
      "versions",
      "summary",
      "diagnostics",
    ]);
    expect(Object.keys(out.diagnostics[0]).slice(-8)).toEqual([
      "breaking",
      "witness",
      "witnessPointer",
      "witnessStatus",
      "consumers",
      "acknowledged",
      "against",
      "alsoAgainst",
    ]);
  });

  it("says in the text where the witness is rejected", () => {
    expect(findingText(COMPAT.diagnostics[0]!)).toContain(
      'witness: {"id":"o-1","total":-1} (rejected at "/total")',
    );
  });

  it("writes a missing witness as null with its reason, and the text says so", () => {
    const [d] = JSON.parse(formatJson(UNVERIFIED)).diagnostics;
    expect(d).toMatchObject({
      witness: null,
      witnessStatus: "unverified",
      witnessReason: "no message found within the search budget",
    });
    expect(findingText(UNVERIFIED.diagnostics[0]!)).toContain(
      "witness: none found (no message found within the search budget)",
    );
  });

  it("leaves out anything a producer attached beyond the Diagnostic shape", () => {
    const report = makeReport([PARTITION_KEY]);
    Object.assign(report.diagnostics[0]!, { debug: "/home/someone/project/asyncapi/orders.yaml" });
    expect(errorsOf(JSON.parse(formatJson(report)))).toBe("");
  });

  // Each mutation breaks one promise of the format; the schema must notice, or it checks nothing.
  type Loose = Record<string, unknown> & { documents: string[]; diagnostics: Record<string, unknown>[] };
  const first = (o: Loose) => o.diagnostics[0]!;
  const broken: { name: string; mutate: (o: Loose) => void; error: RegExp }[] = [
    { name: "an extra top-level field", mutate: (o) => (o.root = "/x"), error: /additional properties/ },
    { name: "an extra diagnostic field", mutate: (o) => (first(o).extra = 1), error: /additional/ },
    { name: "an absolute file", mutate: (o) => (first(o).file = "/abs/x.yaml"), error: /must NOT/ },
    {
      name: "a Windows absolute document",
      mutate: (o) => (o.documents[0] = "C:\\x.yaml"),
      error: /must NOT/,
    },
    { name: "an unknown severity", mutate: (o) => (first(o).severity = "fatal"), error: /allowed/ },
    { name: "a malformed pointer", mutate: (o) => (first(o).pointer = "a/b"), error: /pattern/ },
    { name: "line 0", mutate: (o) => (first(o).line = 0), error: /must be >= 1/ },
    { name: "no fingerprint", mutate: (o) => delete first(o).fingerprint, error: /fingerprint/ },
    { name: "another version", mutate: (o) => (o.version = 1), error: /constant/ },
    { name: "a verdict without its mode", mutate: (o) => (o.compatible = true), error: /mode/ },
  ];
  for (const { name, mutate, error } of broken) {
    it(`the schema rejects ${name}`, () => {
      const value = JSON.parse(formatJson(FULL)) as Loose;
      expect(errorsOf(value)).toBe("");
      mutate(value);
      expect(errorsOf(value)).toMatch(error);
    });
  }
});
