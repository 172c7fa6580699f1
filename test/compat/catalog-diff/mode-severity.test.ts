import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG_RULES, diffCatalogs } from "../../../src/compat/catalog-diff/index.js";
import { familyOf } from "../../../src/compat/mode-severity.js";
import { COMPAT_RULES } from "../../../src/compat/registry.js";
import { load } from "./load.js";

describe("severity per mode", () => {
  it("every rule states a severity for each mode family, and NONE only reports", () => {
    for (const rule of [...COMPAT_RULES, ...CATALOG_RULES]) {
      expect(Object.keys(rule.severity).sort(), rule.id).toEqual(["BACKWARD", "FORWARD", "FULL", "NONE"]);
      expect(rule.severity.NONE, rule.id).toBe("info");
    }
    expect(["BACKWARD_TRANSITIVE", "FULL", "NONE"].map((m) => familyOf(m as never))).toEqual([
      "BACKWARD",
      "FULL",
      "NONE",
    ]);
  });

  /** A one-service catalog in a temp folder: two channels, or one when `dropSecond`. */
  function catalogDir(compatibility: string | undefined, dropSecond: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), "eventline-mode-severity-"));
    mkdirSync(join(dir, "asyncapi"));
    const channel = (name: string) =>
      [
        `  ${name}:`,
        `    address: shop.${name}`,
        "    messages:",
        `      ${name}Event: {payload: {type: object}}`,
      ].join("\n");
    const doc = [
      "asyncapi: 3.0.0",
      ...(compatibility ? [`x-eventline-compatibility: ${compatibility}`] : []),
      "info: {title: Shop, version: '1'}",
      "channels:",
      channel("first"),
      ...(dropSecond ? [] : [channel("second")]),
      "",
    ].join("\n");
    writeFileSync(join(dir, "asyncapi/shop.yaml"), doc);
    return dir;
  }

  it.each([
    [undefined, "error", true],
    ["full", "error", true],
    ["none", "info", false],
  ])("a removed channel in a document with compatibility %s is %s", async (mode, severity, breaking) => {
    const before = await load(catalogDir(mode, false), ["asyncapi"]);
    const after = await load(catalogDir(mode, true), ["asyncapi"]);
    const changes = diffCatalogs(before, after).filter((c) => c.ruleId === "channel-removed");
    expect(changes.map((c) => [c.severity, c.breaking])).toEqual([[severity, breaking]]);
  });

  it("an explicit mode NONE turns every finding into information", async () => {
    const before = await load(catalogDir(undefined, false), ["asyncapi"]);
    const after = await load(catalogDir(undefined, true), ["asyncapi"]);
    const changes = diffCatalogs(before, after, { mode: "NONE" });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.severity === "info" && !c.breaking)).toBe(true);
  });
});
