import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyAcknowledgements, loadAcknowledgements } from "../../../src/compat/check/acknowledgements.js";
import type { Diagnostic } from "../../../src/diagnostics/index.js";
import { isEventlineError } from "../../../src/errors.js";
import { FIXTURES, tempDir } from "../../support/compat-git.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function file(text: string): string {
  const t = tempDir();
  cleanups.push(t.remove);
  const path = join(t.dir, "acknowledged.yaml");
  writeFileSync(path, text);
  return path;
}

function error(path: string, explicit = true) {
  try {
    loadAcknowledgements(path, "ack.yaml", explicit);
  } catch (e) {
    if (isEventlineError(e)) return e;
    throw e;
  }
  throw new Error("expected an error");
}

const change: Diagnostic = {
  ruleId: "type-narrowed",
  severity: "error",
  message: "m",
  file: "a.json",
  pointer: "/x",
  fingerprint: "0123456789abcdef",
  breaking: true,
};

describe("loadAcknowledgements", () => {
  it("reads a list, or a map with an `acknowledged` list", () => {
    const list = file(
      '- fingerprint: "0123456789abcdef"\n  reason: agreed with billing\n  expires: 2030-01-31\n',
    );
    expect(loadAcknowledgements(list, "a", true)).toEqual([
      { fingerprint: "0123456789abcdef", reason: "agreed with billing", expires: "2030-01-31" },
    ]);
    const map = file("acknowledged:\n  - fingerprint: 0123456789abcdef\n    reason: ok\n");
    expect(loadAcknowledgements(map, "a", true)).toEqual([{ fingerprint: "0123456789abcdef", reason: "ok" }]);
    expect(loadAcknowledgements(file(""), "a", true)).toEqual([]);
  });

  it("treats a missing default file as none, a missing explicit file as bad input", () => {
    expect(loadAcknowledgements("/nonexistent/ack.yaml", "ack.yaml", false)).toEqual([]);
    expect(error("/nonexistent/ack.yaml").code).toBe("INPUT_NOT_FOUND");
  });

  it.each([
    ["syntax error", "- fingerprint: [\n", 2],
    ["not a list", "fingerprint: abc\n", 1],
    ["item not a map", "- just a string\n", 1],
    ["bad fingerprint", "- fingerprint: xyz\n  reason: r\n", 1],
    ["missing reason", "- fingerprint: 0123456789abcdef\n", 1],
    ["empty reason", "- fingerprint: 0123456789abcdef\n  reason: ''\n", 2],
    ["bad expiry", "- fingerprint: 0123456789abcdef\n  reason: r\n  expires: next week\n", 3],
    ["unknown key", "- fingerprint: 0123456789abcdef\n  reason: r\n  until: 2030-01-01\n", 3],
  ])("reports a malformed file (%s) with file:line", (_name, text, line) => {
    const e = error(file(text));
    expect(e.code).toBe("INPUT_INVALID");
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^ack\\.yaml:${line}:\\d+: `));
  });

  it("reports the malformed fixture", () => {
    const e = error(join(FIXTURES, "acks/malformed.yaml"));
    expect(e.message).toMatch(/^ack\.yaml:3:\d+: `expires` must be a date/);
  });
});

describe("applyAcknowledgements", () => {
  const ack = { fingerprint: change.fingerprint, reason: "agreed" };
  it("marks matching changes and leaves others alone", () => {
    const other = { ...change, fingerprint: "ffffffffffffffff" };
    const [a, b] = applyAcknowledgements([change, other], [ack], "2026-01-01");
    expect(a?.acknowledged).toEqual({ reason: "agreed", expired: false });
    expect(b?.acknowledged).toBeUndefined();
  });

  it("expires after the expiry day, not on it", () => {
    const dated = { ...ack, expires: "2026-01-01" };
    expect(applyAcknowledgements([change], [dated], "2026-01-01")[0]?.acknowledged?.expired).toBe(false);
    expect(applyAcknowledgements([change], [dated], "2026-01-02")[0]?.acknowledged?.expired).toBe(true);
  });
});
