// The correlation-id rule on hand-built message pairs (the fixture in test/fixtures/compat/
// correlation-id-changed covers it end to end through real documents).
import { describe, expect, it } from "vitest";
import { correlationIdChanged } from "../../../../src/compat/catalog-diff/rules/correlation-id-changed.js";
import type { MessageUse, RuleContext } from "../../../../src/compat/catalog-diff/types.js";
import type { CompatibilityMode, Message, SchemaRef } from "../../../../src/model/types.js";

const at = (pointer: string) => ({ file: "asyncapi/orders.yaml", pointer, line: 1, column: 1 });

function schema(resolved: unknown): SchemaRef {
  return { raw: resolved, resolved, source: at("/s"), definition: at("/s") };
}

function use(parts: { location?: string; headers?: unknown; payload?: unknown }): MessageUse {
  const message: Message = {
    id: "orders.yaml#/components/messages/OrderCreated",
    name: "OrderCreated",
    examples: [],
    tags: [],
    bindings: {},
    extensions: {},
    source: at("/components/messages/OrderCreated"),
    ...(parts.location !== undefined
      ? {
          correlationId: {
            location: parts.location,
            source: at("/components/messages/OrderCreated/correlationId"),
          },
        }
      : {}),
    ...(parts.headers !== undefined ? { headers: schema(parts.headers) } : {}),
    ...(parts.payload !== undefined ? { payload: schema(parts.payload) } : {}),
  };
  return {
    serviceId: "orders",
    channel: {} as MessageUse["channel"],
    address: "orders.events",
    message,
    roles: ["send"],
    operations: [],
  };
}

function run(old: MessageUse, next: MessageUse, mode: CompatibilityMode = "BACKWARD"): string[] {
  const cx = { options: {}, modeOf: () => mode } as unknown as RuleContext;
  return correlationIdChanged.check({ kind: "message", old, new: next }, cx).map((f) => f.message);
}

const headers = (id: unknown, required = true) => ({
  type: "object",
  ...(required ? { required: ["correlationId"] } : {}),
  properties: { correlationId: id },
});

describe("correlation-id-changed", () => {
  it("finds nothing when the id, its location and its schema stay", () => {
    const a = use({ location: "$message.header#/correlationId", headers: headers({ type: "string" }) });
    expect(run(a, a, "FULL")).toEqual([]);
  });

  it("reports a moved and a removed correlation id, not an added one", () => {
    const before = use({ location: "$message.header#/correlationId", headers: headers({ type: "string" }) });
    expect(run(before, use({ location: "$message.payload#/orderId", payload: {} }))).toEqual([
      'correlation id of message "OrderCreated" on orders.events moved from $message.header#/correlationId to $message.payload#/orderId',
    ]);
    expect(run(before, use({ headers: headers({ type: "string" }) }))[0]).toContain("was removed");
    expect(run(use({ headers: headers({ type: "string" }) }), before)).toEqual([]);
  });

  it("compares the schema at the location with the message's mode, through nested properties and $refs", () => {
    const payload = (id: unknown) => ({
      type: "object",
      required: ["meta"],
      properties: { meta: { $ref: "#/$defs/meta" } },
      $defs: { meta: { type: "object", required: ["trace"], properties: { trace: id } } },
    });
    const before = use({ location: "$message.payload#/meta/trace", payload: payload({ type: "string" }) });
    const narrowed = use({
      location: "$message.payload#/meta/trace",
      payload: payload({ type: "string", format: "uuid" }),
    });
    expect(run(before, narrowed)).toEqual([
      expect.stringMatching(
        /^correlation id schema of .* at \$message\.payload#\/meta\/trace is not BACKWARD compatible \(new schema reading old ids\)/,
      ),
    ]);
    // Widening passes BACKWARD and fails FORWARD (the old reader gets ids it rejects).
    expect(run(narrowed, before)).toEqual([]);
    expect(run(narrowed, before, "FORWARD")[0]).toContain("old schema reading new ids");
    expect(run(before, narrowed, "NONE")).toEqual([]);
  });

  it("reports an id that may now be missing, in the direction that reads it", () => {
    const required = use({
      location: "$message.header#/correlationId",
      headers: headers({ type: "string" }),
    });
    const optional = use({
      location: "$message.header#/correlationId",
      headers: headers({ type: "string" }, false),
    });
    expect(run(required, optional, "FORWARD")).toEqual([
      expect.stringContaining("is no longer required: new messages may lack it"),
    ]);
    expect(run(optional, required, "BACKWARD")).toEqual([
      expect.stringContaining("is now required: older messages may lack it"),
    ]);
    expect(run(required, optional, "BACKWARD")).toEqual([]);
  });

  it("ignores locations outside the headers and the payload", () => {
    const a = use({ location: "$message.other", headers: headers({ type: "string" }) });
    const b = use({ location: "$message.other", headers: headers({ type: "integer" }) });
    expect(run(a, b)).toEqual([]);
  });

  it("reads an undeclared property of an open model as anything, of a closed one as nothing", () => {
    const open = use({ location: "$message.header#/correlationId", headers: { type: "object" } });
    const typed = use({
      location: "$message.header#/correlationId",
      headers: headers({ type: "string" }, false),
    });
    // BACKWARD: the new reader narrows "anything" to a string.
    expect(run(open, typed)[0]).toContain("not BACKWARD compatible");
    expect(run(typed, open)).toEqual([]);
    const closed = use({
      location: "$message.header#/correlationId",
      headers: { type: "object", additionalProperties: false },
    });
    expect(run(typed, closed)[0]).toContain("not BACKWARD compatible");
  });
});
