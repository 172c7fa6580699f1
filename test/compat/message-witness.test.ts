import { describe, expect, it } from "vitest";
import { messageWitness } from "../../src/compat/message-witness.js";
import { checkCompatibility } from "../../src/compat/modes.js";

const order = {
  type: "object",
  properties: {
    orderId: { type: "string" },
    channel: { enum: ["web", "app", "phone"] },
    lines: { type: "array", items: { type: "object", properties: { qty: { type: "integer" } } } },
  },
  required: ["orderId", "channel"],
};
const example = { orderId: "o-17", channel: "web", lines: [{ qty: 2 }, { qty: 3 }] };

describe("messageWitness", () => {
  it("patches an example at the breaking location, keeping the rest of it", () => {
    const narrowed = structuredClone(order);
    narrowed.properties.channel.enum = ["web", "app"];
    const w = messageWitness(order, narrowed, { examples: [example] });
    expect(w).toEqual({
      status: "found",
      value: { ...example, channel: "phone" },
      pointer: "/channel",
      fromExample: true,
    });
  });

  it("patches inside an array of the example", () => {
    const qty = { type: "integer", maximum: 2 };
    const lines = { type: "array", items: { type: "object", properties: { qty } } };
    const reader = { ...order, properties: { ...order.properties, lines } };
    const w = messageWitness(order, reader, { examples: [example] });
    expect(w.status).toBe("found");
    if (w.status !== "found") return;
    expect(w.fromExample).toBe(true);
    expect((w.value as typeof example).orderId).toBe("o-17");
    expect(w.pointer).toMatch(/^\/lines\/\d\/qty$/);
  });

  it("drops a property the new schema requires when the example sends it", () => {
    const withNote = { ...example, note: "gift" };
    const reader = { ...order, required: [...order.required, "note"] };
    const w = messageWitness(order, reader, { examples: [withNote] });
    expect(w).toEqual({ status: "found", value: example, pointer: "", fromExample: true });
  });

  it("uses an example that already breaks as it is", () => {
    const reader = { ...order, required: [...order.required, "lines"] };
    const bare = { orderId: "o-1", channel: "app" };
    expect(messageWitness(order, reader, { examples: [bare] })).toEqual({
      status: "found",
      value: bare,
      pointer: "",
      fromExample: true,
    });
  });

  it("ignores examples the writer rejects, and builds a message from the schema without any", () => {
    const reader = {
      ...order,
      properties: { ...order.properties, orderId: { type: "string", maxLength: 3 } },
    };
    const w = messageWitness(order, reader, { examples: [{ orderId: 5 }] });
    expect(w.status).toBe("found");
    if (w.status !== "found") return;
    expect(w.fromExample).toBe(false);
    expect(w.pointer).toBe("/orderId");
    expect((w.value as { orderId: string }).orderId.length).toBeGreaterThan(3);
  });

  it("says why there is none: nothing separates the schemas, or ajv refuses one", () => {
    expect(messageWitness({ type: "integer" }, { type: "number" }, { budget: 200 })).toEqual({
      status: "unverified",
      reason: "no message the writer's schema accepts and the reader's rejects among 200 candidates",
    });
    expect(messageWitness({ type: "string" }, { required: "a" })).toEqual({
      status: "unverified",
      reason: "ajv cannot compile the reader's schema",
    });
    expect(messageWitness({ minimum: "x" }, { type: "string" })).toEqual({
      status: "unverified",
      reason: "ajv cannot compile the writer's schema",
    });
  });

  it("names the key an additionalProperties break is about", () => {
    const open = { type: "object", properties: { a: { type: "string" } } };
    const closed = { ...open, additionalProperties: false };
    const w = messageWitness(open, closed, { examples: [{ a: "x" }] });
    expect(w.status).toBe("found");
    if (w.status !== "found") return;
    const extra = Object.keys(w.value as object).find((k) => k !== "a");
    expect(w.pointer).toBe(`/${extra}`);
    expect((w.value as { a: string }).a).toBe("x");
  });
});

describe("checkCompatibility carries whole-message witnesses", () => {
  it("on every finding, from the writer's examples, in both directions", () => {
    const v2 = { ...order, properties: { ...order.properties, channel: { enum: ["web", "app", "kiosk"] } } };
    const findings = checkCompatibility([order, v2], "FULL", {}, undefined, {
      examples: [[example], [{ ...example, channel: "kiosk" }]],
    });
    const backward = findings.find((f) => f.direction === "BACKWARD");
    const forward = findings.find((f) => f.direction === "FORWARD");
    expect(backward).toMatchObject({ witness: { ...example, channel: "phone" }, witnessPointer: "/channel" });
    expect(forward).toMatchObject({ witness: { ...example, channel: "kiosk" }, witnessPointer: "/channel" });
    for (const f of findings) expect(f.witnessStatus).toBe("found");
  });

  it("replaces the engine's value at the location by a message", () => {
    const w = { type: "object", properties: { n: { type: "number" } }, required: ["n"] };
    const r = { type: "object", properties: { n: { type: "integer" } }, required: ["n"] };
    const [f] = checkCompatibility([w, r], "BACKWARD");
    expect(f?.witness).toEqual({ n: expect.any(Number) });
    expect(Number.isInteger((f?.witness as { n: number } | undefined)?.n)).toBe(false);
    expect(f?.witnessPointer).toBe("/n");
  });

  it("sets witness null with the reason when none is found, and searches not at all when told so", () => {
    // Unanchored: every string matches both patterns, so no message separates them.
    const findings = checkCompatibility(
      [
        { type: "string", pattern: "[a-z]*" },
        { type: "string", pattern: "[0-9]*" },
      ],
      "BACKWARD",
    );
    for (const f of findings)
      expect(f).toMatchObject({
        witness: null,
        witnessStatus: "unverified",
        witnessReason: expect.stringMatching(/candidates/),
      });
    const off = checkCompatibility(
      [order, { ...order, required: ["orderId", "channel", "lines"] }],
      "BACKWARD",
      {},
      undefined,
      {
        enabled: false,
      },
    );
    expect(off.length).toBeGreaterThan(0);
    for (const f of off) expect(f).not.toHaveProperty("witnessStatus");
  });
});
