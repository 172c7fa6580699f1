import { describe, expect, it } from "vitest";
import { parseWhere } from "../../src/ops/dlq/where.js";

describe("parseWhere", () => {
  const headers = { "eventline-error": "handler failed: unlucky amount 13", ce_type: "shop.OrderPlaced.v1" };
  it.each([
    [["ce_type=shop.OrderPlaced.v1"], true],
    [["ce_type=shop.Order"], false],
    [["ce_type~Order"], true],
    [["unlucky"], true],
    [["lucky charm"], false],
    [["unlucky", "ce_type=other"], false],
    [["missing~x"], false],
  ])("%j → %s", (expressions, expected) => {
    expect(parseWhere(expressions)(headers)).toBe(expected);
  });
});
