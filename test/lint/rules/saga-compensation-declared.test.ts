import { describe, expect, it } from "vitest";
import { sagaCompensationDeclared as rule } from "../../../src/lint/rules/saga-compensation-declared.js";
import { charge, findings, reserve } from "./saga-fixture.js";

describe("saga-compensation-declared", () => {
  it("accepts a compensation or `none` on every step but the last", async () => {
    expect(
      await findings(rule, {
        name: "s",
        steps: [reserve, { ...charge, compensation: "none" }, { action: "Charge", success: "Charged" }],
      }),
    ).toEqual([]);
  });

  it("reports a step before the last with no compensation, at the step", async () => {
    const { compensation: _c, ...bare } = reserve;
    const found = await findings(rule, { name: "s", steps: [bare, charge] });
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'step "reserve" of saga "s" has no compensation; name the command that undoes it or write `compensation: none`',
    );
    expect(found[0]!.at.pointer).toBe("/x-eventline-saga/steps/0");
    expect(found[0]!.at.line).toBeGreaterThan(0);
  });

  it("does not ask the last step for one", async () => {
    const { compensation: _c, ...bare } = reserve;
    expect(await findings(rule, { steps: [charge, bare] })).toEqual([]);
  });
});
