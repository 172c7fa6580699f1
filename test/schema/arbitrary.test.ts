import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isEventlineError } from "../../src/errors.js";
import { runtimeValidator } from "../../src/schema/ajv.js";
import { tryValidInstances, validInstances } from "../../src/schema/arbitrary.js";

const order = {
  type: "object",
  required: ["orderId", "quantity", "sku"],
  additionalProperties: false,
  properties: {
    orderId: { type: "string", format: "uuid" },
    quantity: { type: "integer", minimum: 1, maximum: 99 },
    sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]{2}$" },
    note: { type: "string", maxLength: 5 },
  },
};

describe("validInstances", () => {
  it("draws only values the runtime's ajv accepts", () => {
    const validate = runtimeValidator(order);
    const values = fc.sample(validInstances(order), { numRuns: 300, seed: 7 });
    expect(values).toHaveLength(300);
    for (const v of values) expect(validate(v), JSON.stringify(v)).toBe(true);
    expect(new Set(values.map((v) => JSON.stringify(v))).size).toBeGreaterThan(100);
  });

  it("resolves local $refs against the root the schema sits in", () => {
    const root = {
      components: {
        schemas: {
          Money: {
            type: "object",
            required: ["amount"],
            properties: { amount: { type: "string", pattern: "^[0-9]+\\.[0-9]{2}$" } },
          },
          Payment: {
            type: "object",
            required: ["total"],
            properties: { total: { $ref: "#/components/schemas/Money" } },
          },
        },
      },
    };
    const payment = root.components.schemas.Payment;
    const values = fc.sample(validInstances(payment, { root }), { numRuns: 50, seed: 3 });
    for (const v of values)
      expect((v as { total: { amount: string } }).total.amount).toMatch(/^[0-9]+\.[0-9]{2}$/);
  });

  it("keeps valid examples among the seeds and ignores invalid ones", () => {
    const result = tryValidInstances(order, {
      examples: [
        { orderId: "7e1c2a52-8f7b-4d4e-9c77-1a2b3c4d5e6f", quantity: 2, sku: "ABC-12" },
        { quantity: 0 },
      ],
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.seeds[0]).toEqual({
        orderId: "7e1c2a52-8f7b-4d4e-9c77-1a2b3c4d5e6f",
        quantity: 2,
        sku: "ABC-12",
      });
      expect(result.seeds).not.toContainEqual({ quantity: 0 });
    }
  });

  it("reports an unsatisfiable schema instead of looping", () => {
    const impossible = {
      type: "object",
      required: ["a"],
      properties: { a: { type: "integer", minimum: 5, maximum: 1 } },
    };
    const result = tryValidInstances(impossible);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("unsatisfiable") });
    try {
      validInstances(impossible);
      expect.unreachable();
    } catch (error) {
      expect(isEventlineError(error) && error.code).toBe("INPUT_INVALID");
    }
  });

  it("reports a schema ajv cannot compile", () => {
    const result = tryValidInstances({ type: "string", pattern: "(" });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("ajv cannot compile") });
  });
});
