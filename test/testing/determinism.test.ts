// Same seed, same schedule and verdict: two runs of a failing check give the same path and the same
// timeline; a passing one the same verdict.
import { describe, expect, it } from "vitest";
import { createPaymentsServiceClient } from "../../examples/saga/generated/payments-service/index.js";
import { checkIdempotent, defineService } from "../../src/testing/index.js";
import { catalog } from "./faulty/support.js";

describe("determinism", () => {
  it("gives the same path, timeline and diff for the same seed", async () => {
    const counting = await defineService(
      createPaymentsServiceClient,
      {
        durable: () => ({ captures: 0 }),
        setup: (client, d) =>
          void client.start({
            CapturePayment: () => {
              d.captures++;
            },
            RefundPayment: () => undefined,
          }),
        state: (d) => d.captures,
      },
      { catalog: await catalog() },
    );
    const first = await checkIdempotent(counting, { runs: 50, seed: 7 });
    const second = await checkIdempotent(counting, { runs: 50, seed: 7 });
    expect(first.ok).toBe(false);
    expect(second).toEqual(first);
    // Replaying the path runs exactly the shrunk case.
    const replayed = await checkIdempotent(counting, { runs: 50, seed: 7, path: first.path! });
    expect(replayed.counterexample?.timeline).toEqual(first.counterexample?.timeline);
    const other = await checkIdempotent(counting, { runs: 50, seed: 8 });
    expect(other.seed).toBe(8);
  });
});
