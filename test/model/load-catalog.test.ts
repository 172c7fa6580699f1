import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isEventlineError } from "../../src/errors.js";
import { findProjectRoot, type LoadedCatalog, loadCatalog } from "../../src/model/load-catalog.js";
import type { Catalog, SourceLocation } from "../../src/model/types.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const CATALOG = join(FIXTURES, "catalog");
const NO_CACHE = { cache: { enabled: false } };

const load = (root: string, paths?: string[]) =>
  loadCatalog({ root, cwd: root, configFile: false, config: NO_CACHE, ...(paths ? { paths } : {}) });

/** 1-based number of the first line of `file` (under the catalog) that starts with `prefix`. */
function lineOf(file: string, prefix: string): number {
  const index = readFileSync(join(CATALOG, file), "utf8")
    .split("\n")
    .findIndex((l) => l.startsWith(prefix));
  expect(index, `${prefix} in ${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** Every SourceLocation in the catalog, with a label saying where it came from. */
function locations(catalog: Catalog): [string, SourceLocation | undefined][] {
  const out: [string, SourceLocation | undefined][] = [];
  for (const s of catalog.services) {
    out.push([`service ${s.id}`, s.source]);
    for (const server of s.servers) out.push([`server ${s.id}/${server.key}`, server.source]);
  }
  for (const c of catalog.channels) out.push([`channel ${c.id}`, c.source]);
  for (const o of catalog.operations) {
    out.push([`operation ${o.id}`, o.source]);
    if (o.deadLetter) out.push([`dead letter ${o.id}`, o.deadLetter.source]);
  }
  for (const m of catalog.messages) {
    out.push([`message ${m.id}`, m.source]);
    for (const schema of [m.payload, m.headers]) {
      if (!schema) continue;
      out.push([`schema source ${m.id}`, schema.source], [`schema definition ${m.id}`, schema.definition]);
    }
    for (const e of m.examples) out.push([`example ${m.id}`, e.source]);
    if (m.correlationId) out.push([`correlation ${m.id}`, m.correlationId.source]);
  }
  return out;
}

describe("loadCatalog on the fixture catalog (3.0 + 2.6 + 3.1)", () => {
  let loaded: LoadedCatalog;
  let catalog: Catalog;
  beforeAll(async () => {
    loaded = await load(CATALOG);
    catalog = loaded.catalog;
  });

  it("loads every document with no error", () => {
    expect(catalog.root).toBe(CATALOG);
    expect(catalog.documents).toEqual([
      "asyncapi/billing.yaml",
      "asyncapi/orders.yaml",
      "asyncapi/shipping.yaml",
    ]);
    expect(catalog.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(catalog.services.map((s) => [s.id, s.asyncapi, s.file])).toEqual([
      ["billing", "3.1.0", "asyncapi/billing.yaml"],
      ["orders", "3.0.0", "asyncapi/orders.yaml"],
      ["shipping", "2.6.0", "asyncapi/shipping.yaml"],
    ]);
    expect(loaded.configFile).toBeUndefined();
  });

  it("reads service metadata and servers", () => {
    const orders = catalog.services.find((s) => s.id === "orders")!;
    expect(orders).toMatchObject({ title: "Orders", version: "1.0.0", channelIds: ["orders/orderEvents"] });
    expect(orders.servers).toEqual([
      {
        key: "production",
        host: "kafka.example.internal:9092",
        protocol: "kafka",
        source: { file: "asyncapi/orders.yaml", pointer: "/servers/production", line: 8, column: 3 },
      },
    ]);
  });

  it("maps 3.x actions as written and 2.x publish to receive, subscribe to send", () => {
    expect(catalog.operations.map((o) => [o.id, o.action, o.channelId])).toEqual([
      ["billing/onOrderCreated", "receive", "billing/orders"],
      ["orders/publishOrderEvents", "send", "orders/orderEvents"],
      ["shipping/onOrderEvent", "receive", "shipping/orders.v1"],
      ["shipping/shipments.v1/subscribe", "send", "shipping/shipments.v1"],
    ]);
  });

  it("identifies messages by the file#pointer of their definition", () => {
    expect(catalog.messages.map((m) => [m.id, m.name])).toEqual([
      // 3.1, no name: the components key.
      ["asyncapi/billing.yaml#/components/messages/OrderCreated", "OrderCreated"],
      // 3.0, no name: the components key.
      ["asyncapi/orders.yaml#/components/messages/OrderCancelled", "OrderCancelled"],
      ["asyncapi/orders.yaml#/components/messages/OrderCreated", "OrderCreated"],
      // 2.x inline messages are named by `name`, and identified where they are written.
      ["asyncapi/shipping.yaml#/channels/orders.v1/publish/message/oneOf/0", "OrderCreated"],
      ["asyncapi/shipping.yaml#/channels/shipments.v1/subscribe/message", "ShipmentCreated"],
      // `name` wins over the components key.
      ["asyncapi/shipping.yaml#/components/messages/Cancelled", "OrderCancelled"],
    ]);
  });

  it("links channel messages and operation messages to the same ids", () => {
    const channel = catalog.channels.find((c) => c.id === "orders/orderEvents")!;
    expect(channel).toMatchObject({
      key: "orderEvents",
      address: "orders.v1",
      topic: "orders.v1",
      ordering: "per-key",
    });
    expect(channel.messages).toEqual([
      { key: "OrderCreated", messageId: "asyncapi/orders.yaml#/components/messages/OrderCreated" },
      { key: "OrderCancelled", messageId: "asyncapi/orders.yaml#/components/messages/OrderCancelled" },
    ]);
    const op = catalog.operations.find((o) => o.id === "orders/publishOrderEvents")!;
    expect(op.messageIds).toEqual(channel.messages.map((m) => m.messageId));
    const v2 = catalog.operations.find((o) => o.id === "shipping/onOrderEvent")!;
    expect(v2.messageIds).toEqual([
      "asyncapi/shipping.yaml#/channels/orders.v1/publish/message/oneOf/0",
      "asyncapi/shipping.yaml#/components/messages/Cancelled",
    ]);
  });

  it("reads the Eventline extensions of a message", () => {
    const created = catalog.messages.find(
      (m) => m.id === "asyncapi/orders.yaml#/components/messages/OrderCreated",
    )!;
    expect(created).toMatchObject({
      title: "Order created",
      version: 1,
      major: 1,
      partitionKey: "/orderId",
      contentType: "application/json",
    });
    expect(created.examples).toEqual([
      {
        name: "minimal",
        payload: { orderId: "o-1", total: 10 },
        source: expect.objectContaining({
          file: "asyncapi/orders.yaml",
          pointer: "/components/messages/OrderCreated/examples/0",
        }),
      },
    ]);
  });

  it("gives every node a file, pointer, line and column", () => {
    const all = locations(catalog);
    expect(all.length).toBeGreaterThan(20);
    for (const [label, loc] of all) {
      expect(loc, label).toBeDefined();
      expect(catalog.documents.concat(["schemas/orders.json"]), label).toContain(loc!.file);
      expect(typeof loc!.pointer, label).toBe("string");
      expect(loc!.line, label).toBeGreaterThanOrEqual(1);
      expect(loc!.column, label).toBeGreaterThanOrEqual(1);
    }
  });

  it("puts nodes at the lines where they are written", () => {
    const at = (id: string) =>
      catalog.channels.find((c) => c.id === id)?.source ?? catalog.messages.find((m) => m.id === id)?.source;
    expect(at("orders/orderEvents")).toEqual({
      file: "asyncapi/orders.yaml",
      pointer: "/channels/orderEvents",
      line: lineOf("asyncapi/orders.yaml", "  orderEvents:"),
      column: 3,
    });
    expect(at("shipping/orders.v1")?.line).toBe(lineOf("asyncapi/shipping.yaml", "  orders.v1:"));
    expect(at("asyncapi/orders.yaml#/components/messages/OrderCancelled")?.line).toBe(
      lineOf("asyncapi/orders.yaml", "    OrderCancelled:"),
    );
    const op = catalog.operations.find((o) => o.id === "orders/publishOrderEvents")!;
    expect(op.source.line).toBe(lineOf("asyncapi/orders.yaml", "  publishOrderEvents:"));
  });

  it("locates a payload that lives in a $ref'd schema file in that file", () => {
    const created = catalog.messages.find(
      (m) => m.id === "asyncapi/orders.yaml#/components/messages/OrderCreated",
    )!;
    expect(created.payload!.raw).toEqual({ $ref: "../schemas/orders.json#/definitions/OrderCreated" });
    expect(created.payload!.source).toEqual({
      file: "asyncapi/orders.yaml",
      pointer: "/components/messages/OrderCreated/payload",
      line: lineOf("asyncapi/orders.yaml", "      payload:"),
      column: 7,
    });
    expect(created.payload!.definition).toEqual({
      file: "schemas/orders.json",
      pointer: "/definitions/OrderCreated",
      line: lineOf("schemas/orders.json", '    "OrderCreated": {'),
      column: 5,
    });
    // The parser's resolved copy follows the nested $ref too.
    expect(created.payload!.resolved).toMatchObject({
      type: "object",
      properties: { orderId: { type: "string" }, total: { type: "number", minimum: 0 } },
    });
    // Two documents that share the schema file point at the same definition.
    const billing = catalog.messages.find(
      (m) => m.id === "asyncapi/billing.yaml#/components/messages/OrderCreated",
    )!;
    expect(billing.payload!.definition).toEqual(created.payload!.definition);
  });

  it("keeps an inline payload's definition where it is written", () => {
    const cancelled = catalog.messages.find(
      (m) => m.id === "asyncapi/orders.yaml#/components/messages/OrderCancelled",
    )!;
    expect(cancelled.payload!.definition).toEqual(cancelled.payload!.source);
    expect(cancelled.payload!.definition.file).toBe("asyncapi/orders.yaml");
  });

  it("links producers to consumers across documents by channel address and message name", () => {
    expect(
      catalog.edges.map(
        (e) => `${e.address} ${e.messageName}: ${e.producer.operationId} -> ${e.consumer.operationId}`,
      ),
    ).toEqual([
      "orders.v1 OrderCancelled: orders/publishOrderEvents -> shipping/onOrderEvent",
      "orders.v1 OrderCreated: orders/publishOrderEvents -> billing/onOrderCreated",
      "orders.v1 OrderCreated: orders/publishOrderEvents -> shipping/onOrderEvent",
    ]);
    const edge = catalog.edges.find((e) => e.consumer.serviceId === "billing")!;
    expect(edge.producer).toEqual({
      serviceId: "orders",
      operationId: "orders/publishOrderEvents",
      messageId: "asyncapi/orders.yaml#/components/messages/OrderCreated",
    });
    expect(edge.consumer.messageId).toBe("asyncapi/billing.yaml#/components/messages/OrderCreated");
  });

  it("returns a deeply frozen catalog", () => {
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.services)).toBe(true);
    expect(Object.isFrozen(catalog.messages[0]!.source)).toBe(true);
    const created = catalog.messages.find((m) => m.name === "OrderCreated")!;
    expect(Object.isFrozen(created.payload!.resolved)).toBe(true);
    expect(() => {
      (catalog.services as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (catalog.channels[0] as { address: string | null }).address = "changed";
    }).toThrow(TypeError);
  });

  it("gives the same ids on every load", async () => {
    const again = (await load(CATALOG)).catalog;
    expect(again.messages.map((m) => m.id)).toEqual(catalog.messages.map((m) => m.id));
    expect(again.channels.map((c) => c.id)).toEqual(catalog.channels.map((c) => c.id));
    expect(again.operations.map((o) => o.id)).toEqual(catalog.operations.map((o) => o.id));
    expect(again.diagnostics.map((d) => d.fingerprint)).toEqual(
      catalog.diagnostics.map((d) => d.fingerprint),
    );
  });
});

describe("loadCatalog edge cases", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "eventline-load-catalog-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function project(name: string, files: Record<string, string>): string {
    const root = join(dir, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    return root;
  }

  it("loads a valid recursive schema, keeping the cycle in the resolved value", async () => {
    const root = join(FIXTURES, "circular");
    const { catalog } = await load(root, ["tree.yaml"]);
    expect(catalog.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const node = catalog.messages[0]!;
    expect(node.payload!.definition).toMatchObject({
      file: "tree.yaml",
      pointer: "/components/schemas/Node",
    });
    const resolved = node.payload!.resolved as { properties: { children: { items: unknown } } };
    expect(resolved.properties.children.items).toBe(resolved);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it("gives two documents with the same title distinct service ids", async () => {
    const doc = "asyncapi: 3.0.0\ninfo: {title: Same Name, version: '1'}\nchannels:\n  c: {address: x}\n";
    const root = project("dup-titles", { "asyncapi/a.yaml": doc, "asyncapi/b.yaml": doc });
    const { catalog } = await load(root);
    expect(catalog.services.map((s) => s.id)).toEqual(["same-name", "same-name-2"]);
    expect(catalog.channels.map((c) => [c.id, c.serviceId])).toEqual([
      ["same-name/c", "same-name"],
      ["same-name-2/c", "same-name-2"],
    ]);
  });

  it("does not report a $ref'd fragment matched by the globs as a non-AsyncAPI document", async () => {
    const root = project("fragments", {
      "asyncapi/a.yaml":
        "asyncapi: 3.0.0\ninfo: {title: A, version: '1'}\nchannels:\n  c:\n    $ref: 'common/channels.yaml#/c'\n",
      "asyncapi/common/channels.yaml": "c:\n  address: x\n",
    });
    const { catalog } = await load(root);
    expect(catalog.documents).toEqual(["asyncapi/a.yaml"]);
    expect(catalog.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("keeps a failed document in the list, with its diagnostics, next to good ones", async () => {
    const root = project("mixed", {
      "asyncapi/bad.yaml": "asyncapi: 3.0.0\ninfo: {title: Bad, version: '1'}\ninfo: {}\n",
      "asyncapi/good.yaml": "asyncapi: 3.0.0\ninfo: {title: Good, version: '1'}\n",
    });
    const { catalog } = await load(root);
    expect(catalog.documents).toEqual(["asyncapi/bad.yaml", "asyncapi/good.yaml"]);
    expect(catalog.services.map((s) => s.id)).toEqual(["good"]);
    expect(
      catalog.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line} ${d.ruleId}`),
    ).toEqual(["asyncapi/bad.yaml:3 yaml-duplicate-key"]);
  });

  it("throws INPUT_NOT_FOUND for a path that does not exist", async () => {
    const error = await load(CATALOG, ["asyncapi/nope.yaml"]).catch((e: unknown) => e);
    expect(isEventlineError(error) && error.code).toBe("INPUT_NOT_FOUND");
  });

  it("does not hang or time out when two loads with different pool sizes run at once", async () => {
    const [all, one] = await Promise.all([load(CATALOG), load(CATALOG, ["asyncapi/orders.yaml"])]);
    expect(all.catalog.diagnostics.filter((d) => d.ruleId.startsWith("parser-"))).toEqual([]);
    expect(one.catalog.diagnostics.filter((d) => d.ruleId.startsWith("parser-"))).toEqual([]);
    expect(one.catalog.services.map((s) => s.id)).toEqual(["orders"]);
  });
});

describe("findProjectRoot", () => {
  it("walks up to the nearest config file or asyncapi/ folder", () => {
    const base = mkdtempSync(join(tmpdir(), "eventline-root-"));
    mkdirSync(join(base, "a/b/c"), { recursive: true });
    writeFileSync(join(base, "a/eventline.config.yaml"), "failOn: warn\n");
    expect(findProjectRoot(join(base, "a/b/c"))).toBe(join(base, "a"));
    mkdirSync(join(base, "a/b/asyncapi"));
    expect(findProjectRoot(join(base, "a/b/c"))).toBe(join(base, "a/b"));
    mkdirSync(join(base, "lonely"));
    expect(findProjectRoot(join(base, "lonely"))).toBe(join(base, "lonely"));
  });
});
