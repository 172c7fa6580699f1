import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isEventlineError } from "../../src/errors.js";
import { runtimeValidator } from "../../src/schema/ajv.js";
import { nearMissInstances, oneStepMutations, tryNearMissInstances } from "../../src/schema/near-miss.js";

const reserve = {
  type: "object",
  required: ["orderId", "items"],
  additionalProperties: false,
  properties: {
    orderId: { type: "string", minLength: 3 },
    items: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["sku", "quantity"],
        properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 } },
      },
    },
  },
};

describe("nearMissInstances", () => {
  it("draws values ajv rejects, each one described mutation away from a valid one", () => {
    const validate = runtimeValidator(reserve);
    const misses = fc.sample(nearMissInstances(reserve), { numRuns: 200, seed: 11 });
    for (const m of misses) {
      expect(validate(m.value), JSON.stringify(m)).toBe(false);
      expect(m.mutation).toMatch(/^(removed|added|replaced|repeated|appended|lengthened) /);
    }
    expect(new Set(misses.map((m) => m.mutation.split(" ")[0])).size).toBeGreaterThan(2);
  });

  it("lists structural mutations first, with JSON pointers", () => {
    const ms = oneStepMutations({ a: 1, b: [true] }).map((m) => m.mutation);
    expect(ms.slice(0, 3)).toEqual(["removed /a", "removed /b", "added /zz-unexpected"]);
    expect(ms).toContain("replaced /b/0 with 0");
  });

  it("reports a schema that accepts everything", () => {
    expect(tryNearMissInstances({})).toEqual({
      ok: false,
      reason: expect.stringContaining("accepts nearly anything"),
    });
    try {
      nearMissInstances(true);
      expect.unreachable();
    } catch (error) {
      expect(isEventlineError(error) && error.code).toBe("INPUT_INVALID");
    }
  });
});
