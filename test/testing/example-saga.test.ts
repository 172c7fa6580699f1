// The example platform's fulfilment saga (asyncapi/orders.yaml, x-eventline-saga) with every step made
// to fail in every way it declares: the orders service and the four participants run for real.
import { describe, expect, it } from "vitest";
import { checkSaga, formatResult, type SagaFailure } from "../../src/testing/index.js";
import { orders } from "./support/platform.js";

const RUNS = Number(process.env.EVENTLINE_TESTING_RUNS ?? 60);

const cases: [string, SagaFailure][] = [
  ["reserve-inventory", "failure"],
  ["reserve-inventory", "timeout"],
  ["reserve-inventory", "poison"],
  ["capture-payment", "failure"],
  ["capture-payment", "timeout"],
  ["capture-payment", "poison"],
  ["create-shipment", "timeout"],
  ["create-shipment", "poison"],
  ["send-confirmation", "timeout"],
  ["send-confirmation", "poison"],
];

describe("fulfilment saga", () => {
  it.each(cases)(
    `compensates exactly the completed steps when %s fails by %s (${RUNS} runs)`,
    async (step, failure) => {
      const result = await checkSaga(await orders(), { runs: RUNS, failAt: { step, failure } });
      expect(result.ok, formatResult(result)).toBe(true);
      expect(result.runs).toBe(RUNS);
    },
    120_000,
  );

  it(`compensates nothing when no step fails (${RUNS} runs)`, async () => {
    const result = await checkSaga(await orders(), { runs: RUNS, failAt: "none" });
    expect(result.ok, formatResult(result)).toBe(true);
  }, 120_000);
});
