import { describe, expect, it } from "vitest";
import { ERROR_CODES, EventlineError, exitCodeFor, isEventlineError } from "../src/errors.js";

describe("EventlineError", () => {
  it("carries code, location and hint", () => {
    const e = new EventlineError("CONFIG_INVALID", "bad", {
      file: "x.yaml",
      line: 3,
      column: 2,
      hint: "fix it",
    });
    expect(e).toMatchObject({ code: "CONFIG_INVALID", file: "x.yaml", line: 3, column: 2, hint: "fix it" });
    expect(e.message).toBe("bad");
    expect(isEventlineError(e)).toBe(true);
  });

  it("is recognised by code and name, not class identity", () => {
    const lookalike = Object.assign(new Error("x"), { name: "EventlineError", code: "USAGE" });
    expect(isEventlineError(lookalike)).toBe(true);
    expect(isEventlineError(Object.assign(new Error("x"), { name: "EventlineError", code: "NOPE" }))).toBe(
      false,
    );
    expect(isEventlineError(new Error("plain"))).toBe(false);
    expect(isEventlineError({ name: "EventlineError", code: "USAGE" })).toBe(false);
    expect(isEventlineError(undefined)).toBe(false);
  });

  it.each(ERROR_CODES.filter((c) => c !== "INTERNAL"))("maps %s to exit code 2", (code) => {
    expect(exitCodeFor(new EventlineError(code, "x"))).toBe(2);
  });

  it("maps internal errors and foreign exceptions to exit code 3", () => {
    expect(exitCodeFor(new EventlineError("INTERNAL", "x"))).toBe(3);
    expect(exitCodeFor(new TypeError("boom"))).toBe(3);
    expect(exitCodeFor("string thrown")).toBe(3);
  });

  it("keeps the cause", () => {
    const cause = new Error("root");
    expect(new EventlineError("INPUT_INVALID", "x", { cause }).cause).toBe(cause);
  });
});
