import { describe, expect, it } from "vitest";
import { isSubset } from "../../../src/compat/is-subset.js";
import { COMPAT_RULES } from "../../../src/compat/registry.js";
import type { RuleContext } from "../../../src/compat/rule-types.js";
import { minLengthIncreased } from "../../../src/compat/rules/min-length-increased.js";
import { TABLE } from "./table.js";

describe("compat rules", () => {
  it("every registered rule has a table, with an id that names its file", () => {
    expect(Object.keys(TABLE).sort()).toEqual(COMPAT_RULES.map((r) => r.id).sort());
    for (const r of COMPAT_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.hint.length).toBeGreaterThan(20);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });

  it("every rule carries its check in its rule file, asked at one site in registry order", () => {
    const ids = (site: string) => COMPAT_RULES.filter((r) => r.site === site).map((r) => r.id);
    expect([ids("string"), ids("number"), ids("array"), ids("object"), ids("choice")]).toEqual([
      ["min-length-increased", "max-length-decreased", "pattern-changed", "format-changed"],
      ["minimum-increased", "maximum-decreased", "multiple-of-changed"],
      ["min-items-increased", "max-items-decreased", "unique-items-added"],
      ["required-added", "min-properties-increased", "max-properties-decreased"],
      ["anyof-no-branch", "oneof-no-branch", "oneof-overlap"],
    ]);
    // A check reports through the context it is given, and only when its keywords differ.
    const found: unknown[] = [];
    const ctx = {
      report: (values: unknown, options: unknown) => found.push([values, options]),
    } as unknown as RuleContext;
    const at = { schema: {}, pointer: "" };
    const pair = {
      w: at,
      r: at,
      integersOnly: false,
      profile: "semantic" as const,
      compareFormat: true,
      writerDeclaredKeysOnly: false,
    };
    minLengthIncreased.check({ ...pair, ws: { minLength: 1 }, rs: { minLength: 3 } }, ctx);
    minLengthIncreased.check({ ...pair, ws: { minLength: 3 }, rs: { minLength: 1 } }, ctx);
    expect(found).toEqual([[{ from: 1, to: 3 }, { witness: "x" }]]);
  });

  for (const rule of COMPAT_RULES) {
    describe(rule.id, () => {
      const { invalid, valid } = TABLE[rule.id];
      it.each(invalid.map((p, i) => [i, ...p] as const))("invalid #%i is reported", (_i, w, r, o) => {
        expect(isSubset(w, r, o ?? {}).map((f) => f.ruleId)).toContain(rule.id);
      });
      it.each(valid.map((p, i) => [i, ...p] as const))("valid #%i is not reported", (_i, w, r, o) => {
        expect(isSubset(w, r, o ?? {}).map((f) => f.ruleId)).not.toContain(rule.id);
      });
    });
  }
});
