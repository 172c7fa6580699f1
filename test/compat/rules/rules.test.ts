import { describe, expect, it } from "vitest";
import { isSubset } from "../../../src/compat/is-subset.js";
import { COMPAT_RULES, KEYWORD_RULES } from "../../../src/compat/registry.js";
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

  it("keyword rules carry their check in their rule file, grouped by the JSON type they compare", () => {
    const ids = (type: keyof typeof KEYWORD_RULES) => KEYWORD_RULES[type].map((r) => r.id);
    expect([ids("string"), ids("number"), ids("array"), ids("object")]).toEqual([
      ["min-length-increased", "max-length-decreased", "pattern-changed", "format-changed"],
      ["minimum-increased", "maximum-decreased", "multiple-of-changed"],
      ["min-items-increased", "max-items-decreased", "unique-items-added"],
      ["required-added", "min-properties-increased", "max-properties-decreased"],
    ]);
    // A check reports through the callback it is given, and only when its keywords differ.
    const found: string[] = [];
    const pair = { integersOnly: false, profile: "semantic" as const, compareFormat: true };
    const [minLength] = KEYWORD_RULES.string;
    minLength?.check({ ...pair, ws: { minLength: 1 }, rs: { minLength: 3 } }, (m, w) =>
      found.push(`${m} ${w}`),
    );
    minLength?.check({ ...pair, ws: { minLength: 3 }, rs: { minLength: 1 } }, (m) => found.push(m));
    expect(found).toEqual(["minLength rose from 1 to 3 x"]);
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
