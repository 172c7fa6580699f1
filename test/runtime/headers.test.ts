import { describe, expect, it } from "vitest";
import { encodeHeaders, headerView, replaceHeaders } from "../../src/runtime/headers.js";

const enc = new TextEncoder();
const view = (raw: ReturnType<typeof encodeHeaders>) => raw.map((h) => [h.key, h.value && [...h.value]]);

describe("record headers", () => {
  it("replaces the named headers (every repetition) and appends them, keeping the others byte for byte", () => {
    const raw = [
      { key: "eventline-error", value: enc.encode("an earlier failure") },
      { key: "bin", value: new Uint8Array([0xff]) },
      { key: "eventline-error", value: enc.encode("an even earlier one") },
      { key: "hop", value: null },
    ];
    expect(view(replaceHeaders(raw, { "eventline-error": "now" }))).toEqual([
      ["bin", [0xff]],
      ["hop", null],
      ["eventline-error", [...enc.encode("now")]],
    ]);
  });

  it("views raw headers as text: the last value of a name, empty for null", () => {
    expect(
      headerView([
        { key: "a", value: enc.encode("1") },
        { key: "a", value: enc.encode("2") },
        { key: "n", value: null },
      ]),
    ).toEqual({ a: "2", n: "" });
    expect(headerView(encodeHeaders({ x: "ü", y: "" }))).toEqual({ x: "ü", y: "" });
  });
});
