import { describe, expect, expectTypeOf, it } from "vitest";
import { fingerprint } from "../../src/diagnostics/index.js";
import { LINT_RULE_IDS, LINT_RULES, type LintRule, lintRuleInfo, runLint } from "../../src/lint/index.js";
import type { RuleInfo } from "../../src/report/report.js";
import { broken, loc, platform, platformCatalog } from "./catalog-fixture.js";

const AT = loc("asyncapi/orders.yaml", "/components/messages/A");

const fake: LintRule = {
  id: "fake-rule",
  description: "Test rule.",
  defaultSeverity: "warn",
  hint: "Why and what to do.",
  docs: "docs/rules/fake-rule.md",
  check: () => [
    { message: "whole node", at: AT },
    { message: "narrowed", at: AT, subPointer: "/x-eventline-version" },
    { message: "keyed", at: AT, subPointer: "/examples/0", key: "k1" },
    { message: "keyed", at: AT, subPointer: "/examples/0", key: "k2" },
  ],
};

describe("runLint", () => {
  const catalog = platformCatalog(platform());

  it("finds nothing in the healthy platform", () => {
    expect(runLint(catalog)).toEqual([]);
  });

  it("builds diagnostics: pointer = at + subPointer, line/column only for the node itself, the rule's hint", () => {
    const [whole, narrowed, k1, k2] = runLint(catalog, {}, [fake]);
    expect(whole).toEqual({
      ruleId: "fake-rule",
      severity: "warn",
      message: "whole node",
      file: "asyncapi/orders.yaml",
      pointer: "/components/messages/A",
      line: AT.line,
      column: AT.column,
      hint: "Why and what to do.",
      fingerprint: fingerprint("fake-rule", "asyncapi/orders.yaml", "/components/messages/A"),
    });
    expect(narrowed!.pointer).toBe("/components/messages/A/x-eventline-version");
    expect(narrowed!.line).toBeUndefined();
    expect(narrowed!.column).toBeUndefined();
    expect(k1!.fingerprint).not.toBe(k2!.fingerprint);
    expect(k1!.fingerprint).toBe(
      fingerprint("fake-rule", "asyncapi/orders.yaml", "/components/messages/A/examples/0", "k1"),
    );
  });

  it("applies severity overrides and skips rules that are off", () => {
    expect(runLint(catalog, { "fake-rule": "error" }, [fake]).map((d) => d.severity)).toEqual([
      "error",
      "error",
      "error",
      "error",
    ]);
    expect(runLint(catalog, { "fake-rule": "off" }, [fake])).toEqual([]);
    expect(runLint(catalog, { "other-rule": "off" }, [fake])).toHaveLength(4);
  });

  it("overrides the registered rules by id", () => {
    const c = broken((p) => delete p.orderCreated.version);
    expect(runLint(c).map((d) => [d.ruleId, d.severity])).toEqual([["message-has-version", "error"]]);
    expect(runLint(c, { "message-has-version": "info" }).map((d) => d.severity)).toEqual(["info"]);
    expect(runLint(c, { "message-has-version": "off" })).toEqual([]);
  });

  it("drops exact repeats", () => {
    const twice: LintRule = { ...fake, check: () => [fake.check(catalog)[0]!, fake.check(catalog)[0]!] };
    expect(runLint(catalog, {}, [twice])).toHaveLength(1);
  });
});

describe("lintRuleInfo", () => {
  it("describes every registered rule for reporters", () => {
    const info = lintRuleInfo();
    expectTypeOf(info).toExtend<RuleInfo[]>();
    expect(info.map((r) => r.id)).toEqual([...LINT_RULE_IDS]);
    expect(info[0]).toEqual({
      id: LINT_RULES[0]!.id,
      description: LINT_RULES[0]!.description,
      defaultSeverity: LINT_RULES[0]!.defaultSeverity,
      docs: LINT_RULES[0]!.docs,
    });
  });
});
