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

  /** Two services sharing one message definition file; only the first is in NONE mode. */
  function sharedDir(contentType: string): string {
    const dir = mkdtempSync(join(tmpdir(), "eventline-mode-shared-"));
    mkdirSync(join(dir, "asyncapi"));
    mkdirSync(join(dir, "messages"));
    const message = { contentType, payload: { type: "object", properties: { id: { type: "string" } } } };
    writeFileSync(join(dir, "messages/order-placed.json"), JSON.stringify(message));
    const doc = (title: string, action: string, mode?: string) =>
      [
        "asyncapi: 3.0.0",
        ...(mode ? [`x-eventline-compatibility: ${mode}`] : []),
        `info: {title: ${title}, version: '1'}`,
        "channels:",
        "  orders:",
        "    address: shop.orders",
        "    messages:",
        "      OrderPlaced: {$ref: '../messages/order-placed.json'}",
        "operations:",
        `  op: {action: ${action}, channel: {$ref: '#/channels/orders'}}`,
        "",
      ].join("\n");
    writeFileSync(join(dir, "asyncapi/producer.yaml"), doc("Producer", "send", "none"));
    writeFileSync(join(dir, "asyncapi/consumer.yaml"), doc("Consumer", "receive"));
    return dir;
  }

  it("reports a shared definition's change once, at the most severe of its uses' modes", async () => {
    const before = await load(sharedDir("application/json"), ["asyncapi"]);
    const after = await load(sharedDir("application/cloudevents+json"), ["asyncapi"]);
    const changes = diffCatalogs(before, after).filter((c) => c.ruleId === "content-type-changed");
    expect(changes.map((c) => [c.severity, c.breaking])).toEqual([["error", true]]);
  });

  it("an explicit mode NONE turns every finding into information", async () => {
    const before = await load(catalogDir(undefined, false), ["asyncapi"]);
    const after = await load(catalogDir(undefined, true), ["asyncapi"]);
    const changes = diffCatalogs(before, after, { mode: "NONE" });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.severity === "info" && !c.breaking)).toBe(true);
  });
});
