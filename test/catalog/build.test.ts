import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { type CatalogJson, loadCatalogJson } from "../../src/catalog/index.js";
import { platformProject } from "./write-project.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("loadCatalogJson on the example platform", () => {
  let json: CatalogJson;
  beforeAll(async () => {
    json = await loadCatalogJson({ cwd: platformProject(), title: "Shop" });
  });

  it("matches the published schema", () => {
    const schema = JSON.parse(readFileSync(resolve(ROOT, "schemas/catalog.v2.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(json.format).toBe("eventline-catalog/v2");
    expect(json.title).toBe("Shop");
  });

  it("links a message to its producers, consumers and channels", () => {
    const created = json.messages.find((m) => m.name === "OrderCreated")!;
    expect(created.slug).toBe("order-created");
    expect(created.producers).toEqual(["orders-service"]);
    expect(created.consumers).toContain("notifications-service");
    expect(created.channels).toContain("orders-service/ordersEvents");
    expect(created.payload?.file).toBe("schemas/payloads/order-created.v1.json");
    expect(created.examples.length).toBeGreaterThan(0);
    expect(created.examples.every((e) => e.valid)).toBe(true);
  });

  it("gives every resource a unique URL-safe slug", () => {
    for (const list of [json.services, json.channels, json.messages]) {
      const slugs = list.map((r) => r.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });

  it("carries the generated client's names", () => {
    const orders = json.services.find((s) => s.id === "orders-service")!;
    expect(orders.client?.factory).toBe("createOrdersServiceClient");
    expect(orders.client?.publish.map((p) => p.member)).toContain("OrderCreated");
    const notifications = json.services.find((s) => s.id === "notifications-service")!;
    expect(notifications.client?.consume.map((p) => p.member)).toContain("OrderCreated");
    expect(orders.document).toContain("asyncapi: 3.0.0");
  });

  it("attaches lint findings with their rule's docs link", () => {
    const all = [...json.services, ...json.channels, ...json.messages].flatMap((r) => r.findings);
    expect(all.length + json.lint.other.length).toBe(
      json.lint.summary.error + json.lint.summary.warn + json.lint.summary.info,
    );
    for (const f of all.filter((f) => !f.ruleId.startsWith("asyncapi")))
      expect(f.docs).toMatch(/^docs\/rules\//);
  });

  it("draws request/reply flows from operations with a reply", () => {
    const flow = json.flows.find((f) => f.title.startsWith("ReserveInventory"))!;
    expect(flow.steps[0]).toMatchObject({ from: "orders-service", to: "inventory-service", kind: "request" });
    expect(flow.steps.slice(1).every((s) => s.kind === "reply" && s.from === "inventory-service")).toBe(true);
  });

  it("carries the orchestrator's saga: steps in order, messages and the services on the other side", () => {
    expect(json.sagas.map((s) => [s.slug, s.serviceId, s.file])).toEqual([
      ["fulfilment", "orders-service", "asyncapi/orders.yaml"],
    ]);
    const [reserve, capture, ship, confirm] = json.sagas[0]!.steps;
    expect(json.sagas[0]!.steps.map((s) => s.name)).toEqual([
      "reserve-inventory",
      "capture-payment",
      "create-shipment",
      "send-confirmation",
    ]);
    expect(reserve!.action).toMatchObject({ label: "ReserveInventory", services: ["inventory-service"] });
    expect(json.messages.find((m) => m.id === reserve!.action!.messageId)?.name).toBe("ReserveInventory");
    expect(reserve!.success).toMatchObject({ label: "InventoryReserved", services: ["inventory-service"] });
    expect(reserve!.failure?.label).toBe("InventoryReservationFailed");
    expect(reserve!.compensation).toMatchObject({
      label: "ReleaseInventory",
      services: ["inventory-service"],
    });
    expect(capture!.action?.services).toEqual(["payments-service"]);
    expect(ship!.failure).toBeUndefined();
    expect(ship!.timeout).toBe("600000");
    expect(confirm!.compensation).toBe("none");
  });
});
