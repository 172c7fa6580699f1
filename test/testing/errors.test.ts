// How the harness reports what it cannot run: a catalog without the service, a setup that starts
// nothing or throws, a state() that throws. Data, never an unexplained exception.
import { describe, expect, it } from "vitest";
import { createPaymentsServiceClient } from "../../examples/saga/generated/payments-service/index.js";
import { isEventlineError } from "../../src/errors.js";
import { checkIdempotent, defineService } from "../../src/testing/index.js";
import { catalog } from "./faulty/support.js";

const handlers = { CapturePayment: () => undefined, RefundPayment: () => undefined };

describe("harness errors", () => {
  it("refuses a catalog without the client's service, naming the ones it has", async () => {
    const c = await catalog();
    const without = { ...c, services: c.services.filter((s) => s.id !== "payments-service") };
    await expect(
      defineService(
        createPaymentsServiceClient,
        { durable: () => 0, setup: () => undefined, state: () => 0 },
        { catalog: without },
      ),
    ).rejects.toSatisfy(
      (e: unknown) =>
        isEventlineError(e) && e.code === "INPUT_INVALID" && /no service "payments-service"/.test(e.message),
    );
  });

  it("reports a setup that never starts the client", async () => {
    const s = await defineService(
      createPaymentsServiceClient,
      { durable: () => 0, setup: () => undefined, state: () => 0 },
      { catalog: await catalog() },
    );
    const r = await checkIdempotent(s, { runs: 5 });
    expect(r.ok).toBe(false);
    expect(r.counterexample?.reason).toMatch(/setup did not start consumer group "payments-service"/);
  });

  it("reports a setup that throws as an error, not a counterexample", async () => {
    const s = await defineService(
      createPaymentsServiceClient,
      {
        durable: () => 0,
        setup: () => {
          throw new Error("database unreachable");
        },
        state: () => 0,
      },
      { catalog: await catalog() },
    );
    const r = await checkIdempotent(s, { runs: 5 });
    expect(r).toMatchObject({ ok: false, error: "database unreachable" });
    expect(r.counterexample).toBeUndefined();
  });

  it("reports a state() that throws", async () => {
    const s = await defineService(
      createPaymentsServiceClient,
      {
        durable: () => 0,
        setup: (client) => void client.start(handlers),
        state: () => {
          throw new Error("no such table");
        },
      },
      { catalog: await catalog() },
    );
    const r = await checkIdempotent(s, { runs: 5 });
    expect(r.ok).toBe(false);
    expect(r.counterexample?.reason).toBe("state() threw: no such table");
  });
});

describe("contracts the harness cannot generate from", () => {
  it("returns an error when no received message has a satisfiable schema", async () => {
    const c = await catalog();
    const impossible = {
      ...c,
      messages: c.messages.map((m) =>
        m.name === "CapturePayment" || m.name === "RefundPayment"
          ? { ...m, payload: { ...m.payload!, resolved: { type: "integer", minimum: 2, maximum: 1 } } }
          : m,
      ),
    };
    const s = await defineService(
      createPaymentsServiceClient,
      { durable: () => 0, setup: (client) => void client.start(handlers), state: () => 0 },
      { catalog: impossible },
    );
    const r = await checkIdempotent(s, { runs: 5 });
    expect(r).toMatchObject({ ok: false, runs: 0 });
    expect(r.error).toMatch(
      /payments-service receives no message the harness can generate: CapturePayment: .*unsatisfiable/,
    );
  });

  it("refuses a recursive payload schema", async () => {
    const c = await catalog();
    const node: Record<string, unknown> = { type: "object" };
    node.properties = { self: node };
    const recursive = {
      ...c,
      messages: c.messages.map((m) =>
        m.name === "CapturePayment" ? { ...m, payload: { ...m.payload!, resolved: node } } : m,
      ),
    };
    await expect(
      defineService(
        createPaymentsServiceClient,
        { durable: () => 0, setup: () => undefined, state: () => 0 },
        { catalog: recursive },
      ),
    ).rejects.toThrow(/CapturePayment payload is recursive/);
  });
});
