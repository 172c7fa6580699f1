import { describe, expect, it } from "vitest";
import { sagaStepsResolve as rule } from "../../../src/lint/rules/saga-steps-resolve.js";
import { catalogFromResolvedDocument } from "../../../src/model/from-resolved.js";
import { charge, findings, reserve } from "./saga-fixture.js";

const messages = async (saga: unknown) => (await findings(rule, saga)).map((f) => f.message);

describe("saga-steps-resolve", () => {
  it("accepts message names and operation or message references that flow the right way", async () => {
    expect(await messages({ name: "s", steps: [reserve, charge] })).toEqual([]);
    expect(
      await messages({
        name: "s",
        steps: [
          {
            action: { $ref: "#/operations/sendReserve" },
            success: { $ref: "#/components/messages/Reserved" },
            compensation: "none",
          },
        ],
      }),
    ).toEqual([]);
  });

  it("reports a wrong shape", async () => {
    expect(await messages("fulfilment")).toEqual([
      'x-eventline-saga entry is "fulfilment" (a string); it must be an object { name, steps }',
    ]);
    expect(await messages({ name: "s", steps: [] })).toEqual(['saga "s" has no steps (a non-empty list)']);
    expect(await messages({ name: "s", steps: [7] })).toEqual([
      'step 1 of saga "s" is 7 (a number); it must be an object',
    ]);
    expect(await messages({ name: "s", steps: [{ compensation: "none", timeout: -1 }] })).toEqual([
      'step "step 1" of saga "s" has no action',
      'step "step 1" of saga "s" has no success reply',
      'timeout of step "step 1" of saga "s" is -1 (a number); it must be a positive integer (milliseconds)',
    ]);
  });

  it("reports a name that is no message of the document", async () => {
    expect(await messages({ name: "s", steps: [{ ...charge, action: "Chrage" }] })).toEqual([
      'action of step "charge" of saga "s" is "Chrage", which names no message of the orchestrator\'s document',
    ]);
  });

  it("reports commands the orchestrator receives and replies it sends", async () => {
    expect(
      await messages({ name: "s", steps: [{ ...charge, action: "Reserved", success: "Reserve" }] }),
    ).toEqual([
      'action of step "charge" of saga "s": orders does not send "Reserved" (no send operation lists it)',
      'success of step "charge" of saga "s": orders does not receive "Reserve" (no receive operation lists it)',
    ]);
  });

  it("reports a command nobody receives and a reply nobody sends", async () => {
    expect(
      await messages({ name: "s", steps: [{ ...charge, action: "Orphan", success: "Unsent" }] }),
    ).toEqual([
      'action of step "charge" of saga "s": no other service receives "Orphan" from orders',
      'success of step "charge" of saga "s": no other service sends "Unsent" to orders',
    ]);
  });
});

describe("saga-steps-resolve on one document", () => {
  it("checks only the orchestrator's own operations when no other service is loaded", async () => {
    const doc = {
      asyncapi: "3.0.0",
      info: { title: "Orders", version: "1" },
      channels: {
        c: { address: "t", messages: { Reserve: { name: "Reserve", payload: { type: "object" } } } },
      },
      operations: {
        sendReserve: {
          action: "send",
          channel: { $ref: "#/channels/c" },
          messages: [{ $ref: "#/channels/c/messages/Reserve" }],
        },
      },
      "x-eventline-saga": {
        name: "s",
        steps: [{ action: "Reserve", success: "Reserve", compensation: "none" }],
      },
    };
    const catalog = catalogFromResolvedDocument(doc, "orders.yaml");
    expect(rule.check(catalog).map((f) => f.message)).toEqual([
      'success of step "Reserve" of saga "s": orders does not receive "Reserve" (no receive operation lists it)',
    ]);
  });
});
