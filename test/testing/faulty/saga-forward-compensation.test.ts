// Defect: the saga undoes its completed steps in the order they ran (release the stock, then refund)
// instead of the reverse, so a compensation can run while the step after it still holds its effect.
import { describe, it } from "vitest";
import { checkSaga } from "../../../src/testing/index.js";
import { orchestrator, reverseOfCompleted } from "./saga-orchestrator.js";
import { CORRECT_RUNS, expectCaught, expectPasses, FAULTY_RUNS, SEED } from "./support.js";

describe("a saga that compensates in forward order", () => {
  it("is caught by saga", async () => {
    const forward = await orchestrator((failed) => [...Array(failed).keys()]);
    expectCaught(await checkSaga(forward, { runs: FAULTY_RUNS, seed: SEED }));
  });

  it("passes when it compensates in reverse order", async () => {
    expectPasses(await checkSaga(await orchestrator(reverseOfCompleted), { runs: CORRECT_RUNS, seed: SEED }));
  }, 300_000);
});
