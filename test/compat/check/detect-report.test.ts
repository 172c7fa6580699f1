import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCompat } from "../../../src/compat/check/check.js";
import { detectInput } from "../../../src/compat/check/detect.js";
import type { CompatResult } from "../../../src/compat/check/types.js";
import { fails, isCompatible } from "../../../src/compat/check/verdict.js";
import type { Diagnostic } from "../../../src/diagnostics/index.js";
import { isEventlineError } from "../../../src/errors.js";
import { compatReport, findingText, verdictLine } from "../../../src/report/index.js";
import { FIXTURES } from "../../support/compat-git.js";

describe("detectInput", () => {
  it.each([
    ["catalog/old", "catalog"],
    ["documents/orders.v1.yaml", "document"],
    ["schemas/order.v1.json", "schema"],
    ["schemas/order.v2-forward.yaml", "schema"],
  ])("%s is a %s", (path, kind) => {
    expect(detectInput(join(FIXTURES, path), path).kind).toBe(kind);
  });

  it("takes a YAML file with a top-level asyncapi key for a document without parsing it", () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-detect-"));
    writeFileSync(join(dir, "doc.yaml"), "# old\n---\nasyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n");
    writeFileSync(join(dir, "schema.yaml"), "type: object\ndescription: |\n  asyncapi: not a key here\n");
    // JSON written unindented is YAML too: its column-0 "asyncapi" is a property, not a top-level key.
    const flat = '{\n"type": "object",\n"properties": {\n"asyncapi": {"type": "string"}\n}}\n';
    writeFileSync(join(dir, "flat-schema.yaml"), flat);
    expect(detectInput(join(dir, "doc.yaml"), "doc.yaml")).toEqual({ kind: "document" });
    const schema = detectInput(join(dir, "schema.yaml"), "schema.yaml");
    expect([schema.kind, schema.file?.name]).toEqual(["schema", "schema.yaml"]);
    expect(detectInput(join(dir, "flat-schema.yaml"), "flat-schema.yaml").kind).toBe("schema");
  });

  it("leaves a broken document that declares asyncapi to the loader, which names file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventline-detect-"));
    const doc = "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\nchannels:\n  a: [unclosed\n";
    writeFileSync(join(dir, "old.yaml"), doc);
    writeFileSync(join(dir, "new.yaml"), doc);
    const error = await runCompat({ paths: ["old.yaml", "new.yaml"], cwd: dir, root: dir }).catch((e) => e);
    expect(
      isEventlineError(error) && [error.code, error.message.startsWith("old.yaml:5:1: Flow sequence")],
    ).toEqual(["INPUT_INVALID", true]);
  });
});

const breaking: Diagnostic = {
  ruleId: "type-narrowed",
  severity: "error",
  message: "narrowed",
  file: "a.json",
  pointer: "/type",
  fingerprint: "0123456789abcdef",
  breaking: true,
};
const info: Diagnostic = {
  ...breaking,
  severity: "info",
  breaking: false,
  fingerprint: "fedcba9876543210",
};
const result = (changes: Diagnostic[]): CompatResult => ({
  kind: "schema",
  mode: "backward",
  root: "/r",
  documents: ["a.json"],
  changes,
});

describe("verdict", () => {
  it("fails on unacknowledged changes at or above the threshold", () => {
    expect([isCompatible([info]), fails([info], "error"), fails([info], "info")]).toEqual([
      true,
      false,
      true,
    ]);
    expect([isCompatible([breaking]), fails([breaking], "error")]).toEqual([false, true]);
    const acked = { ...breaking, acknowledged: { reason: "ok", expired: false } };
    expect([isCompatible([acked]), fails([acked], "info")]).toEqual([true, false]);
    const expired = { ...breaking, acknowledged: { reason: "ok", expires: "2000-01-01", expired: true } };
    expect([isCompatible([expired]), fails([expired], "error")]).toEqual([false, true]);
    expect(verdictLine(result([acked, info]))).toBe("Compatible (mode: backward) (1 acknowledged).");
    expect(verdictLine(result([breaking]))).toBe("Not compatible (mode: backward): 1 breaking change.");
  });

  it("shows acknowledged changes as info, with consumers and witness under the message", () => {
    const change = {
      ...breaking,
      consumers: [
        {
          serviceId: "billing",
          operationId: "billing/receiveOrderCreated",
          breaks: true,
          reason: "its schema rejects messages the producers now send",
        },
        { serviceId: "audit", operationId: "readOrders", breaks: false },
      ],
      witness: { total: 0 },
      acknowledged: { reason: "agreed", expired: false },
    };
    const [d] = compatReport(result([change]), "0.0.0").diagnostics;
    expect(d?.severity).toBe("info");
    expect(d?.message).toBe("narrowed");
    expect(findingText(d!).split("\n")).toEqual([
      "narrowed [breaking]",
      "acknowledged: agreed",
      "consumer billing/receiveOrderCreated breaks: its schema rejects messages the producers now send",
      "consumer audit/readOrders is not affected",
      'witness: {"total":0}',
      "fingerprint: 0123456789abcdef",
    ]);
  });
});
