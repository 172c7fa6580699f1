import { MAX_PAIRS } from "../../../src/compat/engine/comparison.js";

/**
 * An object schema with more properties than one comparison examines (its budget of pairs): each
 * property is a pair of its own, so comparing two of these runs out of budget.
 */
export function manyProperties(value: unknown): { type: "object"; properties: Record<string, unknown> } {
  return {
    type: "object",
    properties: Object.fromEntries(Array.from({ length: MAX_PAIRS + 1 }, (_, i) => [`p${i}`, value])),
  };
}
