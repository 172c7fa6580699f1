// The saga property's own guarantees: same seed, same schedule and verdict; the throwing form; and
// what it reports when it cannot run a saga (no definition, a start that sends nothing, a step that
// cannot be made to fail, a saga that is not declared).
import { describe, expect, it } from "vitest";
import { createOrdersServiceClient } from "../../examples/saga/generated/orders-service/index.js";
import { assertSaga, checkAll, checkSaga, defineService, PropertyFailure } from "../../src/testing/index.js";
import { orchestrator, reverseOfCompleted } from "./faulty/saga-orchestrator.js";
import { catalog } from "./faulty/support.js";

const forward = () => orchestrator((failed) => [...Array(failed).keys()]);

describe("saga", () => {
  it("gives the same path, timeline and diff for the same seed, and replays the path", async () => {
    const s = await forward();
    const first = await checkSaga(s, { runs: 50, seed: 7 });
    const second = await checkSaga(s, { runs: 50, seed: 7 });
    expect(first.ok).toBe(false);
    expect(second).toEqual(first);
    const replayed = await checkSaga(s, { runs: 50, seed: 7, path: first.path! });
    expect(replayed.counterexample?.timeline).toEqual(first.counterexample?.timeline);
    expect(replayed.counterexample?.diff).toEqual(first.counterexample?.diff);
  });

  it("throws a PropertyFailure with the timeline from assertSaga", async () => {
    await expect(assertSaga(await forward(), { runs: 50, seed: 7 })).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof PropertyFailure &&
        e.result.property === "saga" &&
        /compensates in the wrong order/.test(e.message) &&
        /time passes: \+600001 ms/.test(e.message),
    );
  });

  it("is part of checkAll for an orchestrator, and skipped without a saga definition", async () => {
    const bare = await defineService(
      createOrdersServiceClient,
      { durable: () => 0, setup: () => undefined, state: () => 0 },
      { catalog: await catalog() },
    );
    const result = await checkSaga(bare);
    expect(result.skipped).toMatch(/orders-service declares a saga, but its definition has no `saga`/);
    const all = await checkAll(await orchestrator(reverseOfCompleted), { runs: 5 });
    expect(all.map((r) => r.property)).toEqual(["idempotent", "reorder-tolerant", "dead-letters", "saga"]);
    expect(all.find((r) => r.property === "saga")?.ok).toBe(true);
  }, 60_000);

  it("reports a start that sends nothing", async () => {
    const s = await orchestrator(reverseOfCompleted);
    const silent = {
      ...s,
      definition: { ...s.definition, saga: { ...s.definition.saga!, start: () => undefined } },
    };
    const r = await checkSaga(silent, { runs: 5 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(
      /saga.start published no keyed message for fulfilment#1; it must send ReserveInventory/,
    );
  });

  it("refuses a failure a step does not declare, and a step without a timeout sweep", async () => {
    const s = await orchestrator(reverseOfCompleted);
    const r = await checkSaga(s, { runs: 5, failAt: { step: "create-shipment", failure: "failure" } });
    expect(r.error).toMatch(
      /step "create-shipment" cannot be made to fail by failure: it can fail by timeout, poison/,
    );
    const unknown = await checkSaga(s, { runs: 5, failAt: { step: "gift-wrap" } });
    expect(unknown.error).toMatch(/the saga has no step "gift-wrap"/);
    const noTick = {
      ...s,
      definition: { ...s.definition, saga: { ...s.definition.saga!, tick: undefined } },
    };
    const r2 = await checkSaga(noTick, { runs: 5, failAt: { step: "send-confirmation" } });
    expect(r2.error).toMatch(
      /cannot be made to fail at all: it can fail by nothing \(no failure reply, and no timeout with a tick\)/,
    );
  });

  it("refuses a saga the document does not declare", async () => {
    const s = await orchestrator(reverseOfCompleted);
    const named = { ...s, definition: { ...s.definition, saga: { ...s.definition.saga!, name: "returns" } } };
    const r = await checkSaga(named, { runs: 5 });
    expect(r.error).toMatch(/orders-service declares no saga "returns" \(sagas: fulfilment\)/);
  });
});
