// Buf-style fixtures: test/fixtures/compat/<case>/{previous,current}/asyncapi/*.yaml and the findings
// expected when the current catalog replaces the previous one.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { CATALOG_RULES, diffCatalogs } from "../../../src/compat/catalog-diff/index.js";
import { hasPointer } from "../../../src/schema/pointer.js";
import { load } from "./load.js";

const fixtures = fileURLToPath(new URL("../../fixtures/compat/", import.meta.url));

type Expected = [ruleId: string, file: string, pointer: string, line: number];

const CASES: Record<string, Expected[]> = {
  "channel-removed": [
    ["channel-removed", "asyncapi/billing.yaml", "/channels/billingDeadLetter", 21],
    ["dead-letter-removed", "asyncapi/billing.yaml", "/operations/receiveOrderCreated", 22],
  ],
  "channel-removed-v2": [["channel-removed", "asyncapi/legacy.yaml", "/channels/legacy.commands", 17]],
  "channel-address-changed": [
    ["channel-address-changed", "asyncapi/orders.yaml", "/channels/orderEvents", 7],
  ],
  "operation-removed": [
    ["message-removed", "asyncapi/legacy.yaml", "/channels/legacy.events", 7],
    ["operation-removed", "asyncapi/legacy.yaml", "/channels/legacy.events/subscribe", 8],
  ],
  "operation-action-changed": [
    ["operation-action-changed", "asyncapi/legacy.yaml", "/channels/legacy.commands/subscribe", 18],
  ],
  "operation-action-changed-v3": [
    ["operation-action-changed", "asyncapi/orders.yaml", "/operations/publishOrderEvents", 20],
  ],
  "message-removed": [["message-removed", "asyncapi/orders.yaml", "/channels/orderEvents", 7]],
  "message-removed-from-operation": [
    ["message-removed", "asyncapi/orders.yaml", "/operations/publishOrderEvents", 20],
  ],
  "payload-incompatible": [
    ["version-not-bumped", "asyncapi/orders.yaml", "/components/messages/OrderCreated", 29],
    [
      "payload-incompatible",
      "asyncapi/orders.yaml",
      "/components/messages/OrderCreated/payload/properties/total",
      44,
    ],
  ],
  "payload-incompatible-v2": [
    ["version-not-bumped", "asyncapi/legacy.yaml", "/channels/legacy.events/subscribe/message", 10],
    [
      "payload-incompatible",
      "asyncapi/legacy.yaml",
      "/channels/legacy.events/subscribe/message/payload/properties/id",
      15,
    ],
  ],
  "payload-compatible-forward": [],
  "headers-incompatible": [
    ["headers-incompatible", "asyncapi/orders.yaml", "/components/messages/OrderCreated/headers", 33],
  ],
  "correlation-id-changed": [
    ["correlation-id-changed", "asyncapi/orders.yaml", "/components/messages/OrderCreated/correlationId", 26],
    [
      "headers-incompatible",
      "asyncapi/orders.yaml",
      "/components/messages/OrderCreated/headers/properties/correlationId",
      32,
    ],
    [
      "correlation-id-changed",
      "asyncapi/orders.yaml",
      "/components/messages/OrderCancelled/correlationId",
      43,
    ],
  ],
  "content-type-changed": [
    ["content-type-changed", "asyncapi/orders.yaml", "/components/messages/OrderCancelled", 50],
  ],
  "schema-format-changed": [
    [
      "schema-format-changed",
      "asyncapi/orders.yaml",
      "/components/messages/OrderCancelled/payload/schema",
      55,
    ],
  ],
  "partition-key-changed": [
    ["partition-key-changed", "asyncapi/orders.yaml", "/components/messages/OrderCreated", 29],
    ["partition-key-changed", "asyncapi/orders.yaml", "/components/messages/OrderCreated", 29],
  ],
  "partitions-decreased": [["partitions-decreased", "asyncapi/orders.yaml", "/channels/orderEvents", 7]],
  "topic-changed": [["topic-changed", "asyncapi/orders.yaml", "/channels/orderEvents", 7]],
  "consumer-group-changed": [
    ["consumer-group-changed", "asyncapi/billing.yaml", "/operations/receiveOrderCreated", 25],
  ],
  "ordering-changed": [["ordering-changed", "asyncapi/orders.yaml", "/channels/orderEvents", 7]],
  "dead-letter-removed": [
    ["dead-letter-removed", "asyncapi/billing.yaml", "/operations/receiveOrderCreated", 25],
  ],
  "version-not-bumped": [
    ["version-not-bumped", "asyncapi/orders.yaml", "/components/messages/OrderCreated", 29],
    [
      "payload-incompatible",
      "asyncapi/orders.yaml",
      "/components/messages/OrderCreated/payload/properties/total",
      44,
    ],
  ],
  "version-bumped": [
    ["version-not-bumped", "asyncapi/orders.yaml", "/components/messages/OrderCreated", 29],
    [
      "payload-incompatible",
      "asyncapi/orders.yaml",
      "/components/messages/OrderCreated/payload/properties/total",
      44,
    ],
  ],
  // Additions are listed as info so the summary describes the whole change.
  "channel-added": [["channel-added", "asyncapi/billing.yaml", "/channels/billingDeadLetter", 21]],
  "operation-added": [
    ["operation-added", "asyncapi/legacy.yaml", "/channels/legacy.events/subscribe", 8],
    ["message-added", "asyncapi/legacy.yaml", "/channels/legacy.events/subscribe/message", 10],
  ],
  "message-added": [["message-added", "asyncapi/orders.yaml", "/components/messages/OrderCreated", 29]],
};

async function run(name: string) {
  const previous = await load(`${fixtures}${name}/previous`);
  const current = await load(`${fixtures}${name}/current`);
  return { previous, current, changes: diffCatalogs(previous, current) };
}

describe("catalog-diff fixtures", () => {
  it("every rule has a fixture", () => {
    const covered = new Set(Object.values(CASES).flatMap((c) => c.map((e) => e[0])));
    for (const r of CATALOG_RULES) expect(covered, r.id).toContain(r.id);
  });

  it.each(Object.keys(CASES))("%s", async (name) => {
    const { previous, current, changes } = await run(name);
    expect([...previous.diagnostics, ...current.diagnostics].filter((d) => d.severity === "error")).toEqual(
      [],
    );
    expect(changes.map((c) => [c.ruleId, c.file, c.pointer, c.line])).toEqual(CASES[name]);
    for (const c of changes) {
      // Removals point into the previous documents, everything else into the current ones.
      const inCurrent = hasPointer(yamlAt(`${fixtures}${name}/current/${c.file}`), c.pointer);
      const inPrevious = hasPointer(yamlAt(`${fixtures}${name}/previous/${c.file}`), c.pointer);
      expect(inCurrent || inPrevious, `${c.ruleId} ${c.pointer}`).toBe(true);
      expect(c.hint).toBeTruthy();
    }
    expect(diffCatalogs(previous, current)).toEqual(changes);
    expect(diffCatalogs(current, current)).toEqual([]);
  });

  it("never counts an addition as breaking", async () => {
    for (const name of ["channel-added", "operation-added", "message-added"]) {
      const { changes } = await run(name);
      expect(changes.map((c) => [c.severity, c.breaking])).toEqual(changes.map(() => ["info", false]));
    }
  });

  it("lists consumers and whether each breaks", async () => {
    const broken = (await run("payload-incompatible")).changes.find(
      (c) => c.ruleId === "payload-incompatible",
    );
    expect(broken?.consumers).toEqual([
      {
        serviceId: "billing",
        operationId: "billing/receiveOrderCreated",
        breaks: true,
        reason: "its schema rejects messages the producers now send",
      },
    ]);
    const safe = (await run("version-not-bumped")).changes.find((c) => c.ruleId === "payload-incompatible");
    expect(safe?.consumers).toEqual([
      {
        serviceId: "billing",
        operationId: "billing/receiveOrderCreated",
        breaks: false,
        reason:
          "its schema reads both the messages written before the change and what the producers now send",
      },
    ]);
  });

  it("a major bump downgrades the break and names consumers on the old major", async () => {
    const { changes } = await run("version-bumped");
    expect(changes.map((c) => [c.ruleId, c.severity, c.breaking])).toEqual([
      ["version-not-bumped", "info", false],
      ["payload-incompatible", "warn", false],
    ]);
    expect(changes[0]?.message).toContain("billing/receiveOrderCreated");
  });
});

function yamlAt(path: string): unknown {
  return parseDocument(readFileSync(path, "utf8")).toJS();
}
