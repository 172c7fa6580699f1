import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffCatalogs } from "../../../src/compat/catalog-diff/index.js";
import { load } from "./load.js";

/**
 * A producer and two consumers of one message, each document with its own copy of the headers
 * schema: the consumers' copies decide whether the producer's change breaks them.
 */
function catalog(producerHeader: string, consumers: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-consumer-impact-"));
  mkdirSync(join(dir, "asyncapi"));
  const doc = (title: string, action: "send" | "receive", headerType: string) =>
    [
      "asyncapi: 3.0.0",
      `info: {title: ${title}, version: '1'}`,
      "channels:",
      "  orders:",
      "    address: shop.orders",
      "    messages:",
      "      OrderPlaced:",
      "        payload: {type: object, properties: {id: {type: string}}}",
      `        headers: {type: object, properties: {tenant: {type: ${headerType}}}}`,
      "        correlationId: {location: '$message.header#/tenant'}",
      "operations:",
      "  op:",
      `    action: ${action}`,
      "    channel: {$ref: '#/channels/orders'}",
      "",
    ].join("\n");
  writeFileSync(join(dir, "asyncapi/producer.yaml"), doc("Producer", "send", producerHeader));
  for (const [name, type] of Object.entries(consumers))
    writeFileSync(join(dir, `asyncapi/${name}.yaml`), doc(name, "receive", type));
  return dir;
}

describe("consumer impact", () => {
  it("judges a headers change by each consumer's headers schema, not its payload", async () => {
    const consumers = { strict: "string", lenient: "[string, integer]" };
    const before = await load(catalog("string", consumers), ["asyncapi"]);
    const after = await load(catalog("integer", consumers), ["asyncapi"]);
    const changes = diffCatalogs(before, after);
    // The correlation id lives in the headers too: its consumers are judged the same way.
    for (const ruleId of ["headers-incompatible", "correlation-id-changed"]) {
      const change = changes.find((c) => c.ruleId === ruleId);
      expect(change?.breaking, ruleId).toBe(true);
      expect(
        change?.consumers?.map((c) => [c.serviceId, c.breaks]),
        ruleId,
      ).toEqual([
        ["lenient", false],
        ["strict", true],
      ]);
    }
  });
});
