import { describe, expect, it } from "vitest";
import {
  atOrAbove,
  compareDiagnostics,
  createDiagnostic,
  type Diagnostic,
  dedupeDiagnostics,
  fingerprint,
  hasFindingsAtOrAbove,
  isSeverity,
  sortDiagnostics,
  summarize,
} from "../../src/diagnostics/index.js";

const d = (over: Partial<Parameters<typeof createDiagnostic>[0]> = {}): Diagnostic =>
  createDiagnostic({ ruleId: "r", severity: "error", message: "m", file: "a.yaml", pointer: "/x", ...over });

describe("fingerprint", () => {
  it("ignores line and column, so reformatting keeps acknowledgements", () => {
    expect(d({ line: 1, column: 1 }).fingerprint).toBe(d({ line: 40, column: 9 }).fingerprint);
  });
  it("changes with rule, file, pointer and key", () => {
    const base = fingerprint("r", "a.yaml", "/x");
    expect(fingerprint("s", "a.yaml", "/x")).not.toBe(base);
    expect(fingerprint("r", "b.yaml", "/x")).not.toBe(base);
    expect(fingerprint("r", "a.yaml", "/y")).not.toBe(base);
    expect(fingerprint("r", "a.yaml", "/x", "k")).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });
  it("does not let field boundaries collide", () => {
    expect(fingerprint("ab", "c", "")).not.toBe(fingerprint("a", "bc", ""));
  });
});

describe("createDiagnostic", () => {
  it("omits absent optional fields", () => {
    const x = d();
    expect(Object.keys(x).sort()).toEqual([
      "file",
      "fingerprint",
      "message",
      "pointer",
      "ruleId",
      "severity",
    ]);
    expect(d({ hint: "h", line: 2, column: 3 })).toMatchObject({ hint: "h", line: 2, column: 3 });
  });
});

describe("ordering and summaries", () => {
  it("sorts by file, line, column, then severity (most severe first), then rule", () => {
    const list = [
      d({ file: "b.yaml", line: 1 }),
      d({ file: "a.yaml", line: 9 }),
      d({ file: "a.yaml", line: 2, column: 5, severity: "info" }),
      d({ file: "a.yaml", line: 2, column: 5, severity: "error", ruleId: "z" }),
      d({ file: "a.yaml", line: 2, column: 5, severity: "error", ruleId: "a" }),
    ];
    const sorted = sortDiagnostics(list).map((x) => `${x.file}:${x.line}:${x.severity}:${x.ruleId}`);
    expect(sorted).toEqual([
      "a.yaml:2:error:a",
      "a.yaml:2:error:z",
      "a.yaml:2:info:r",
      "a.yaml:9:error:r",
      "b.yaml:1:error:r",
    ]);
    expect(compareDiagnostics(list[0]!, list[0]!)).toBe(0);
  });

  it("dedupes exact repeats only", () => {
    expect(dedupeDiagnostics([d(), d(), d({ message: "other" })])).toHaveLength(2);
  });

  it("counts and thresholds", () => {
    const list = [d({ severity: "warn" }), d({ severity: "info" }), d({ severity: "info" })];
    expect(summarize(list)).toEqual({ error: 0, warn: 1, info: 2 });
    expect(hasFindingsAtOrAbove(list, "error")).toBe(false);
    expect(hasFindingsAtOrAbove(list, "warn")).toBe(true);
    expect(atOrAbove("info", "warn")).toBe(false);
    expect(atOrAbove("error", "info")).toBe(true);
    expect(isSeverity("warn")).toBe(true);
    expect(isSeverity("warning")).toBe(false);
  });
});
