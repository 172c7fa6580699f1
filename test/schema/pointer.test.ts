import { describe, expect, it } from "vitest";
import {
  appendPointer,
  escapeSegment,
  fragmentToPointer,
  getAtPointer,
  hasPointer,
  parsePointer,
  toPointer,
  unescapeSegment,
} from "../../src/schema/pointer.js";

describe("escapeSegment / unescapeSegment", () => {
  it.each([
    ["plain", "plain"],
    ["a/b", "a~1b"],
    ["a~b", "a~0b"],
    ["~1", "~01"],
    ["/~", "~1~0"],
    ["", ""],
    ["orders.v1", "orders.v1"],
  ])("%j escapes to %j and back", (raw, escaped) => {
    expect(escapeSegment(raw)).toBe(escaped);
    expect(unescapeSegment(escaped)).toBe(raw);
  });

  it("escapes numbers as their decimal text", () => {
    expect(escapeSegment(3)).toBe("3");
  });

  it("unescapes ~01 to ~1, not to / (RFC 6901 order: ~1 first, then ~0)", () => {
    expect(unescapeSegment("~01")).toBe("~1");
  });
});

describe("toPointer / parsePointer", () => {
  it("the root is the empty pointer", () => {
    expect(toPointer([])).toBe("");
    expect(parsePointer("")).toEqual([]);
  });

  it("round-trips awkward segments", () => {
    const segments = ["channels", "user/{id}/signup", "a~b", "", "0", "with space", "ünïcode"];
    const pointer = toPointer(segments);
    expect(pointer).toBe("/channels/user~1{id}~1signup/a~0b//0/with space/ünïcode");
    expect(parsePointer(pointer)).toEqual(segments);
  });

  it("a lone slash is one empty segment, not the root", () => {
    expect(parsePointer("/")).toEqual([""]);
  });

  it.each(["a/b", "#/a", "~1", " /a"])("%j is not a pointer", (pointer) => {
    expect(parsePointer(pointer)).toBeUndefined();
  });

  it("appendPointer escapes the new segments only", () => {
    expect(appendPointer("/channels/a~1b", "messages", "x/y", 0)).toBe("/channels/a~1b/messages/x~1y/0");
    expect(appendPointer("")).toBe("");
  });
});

describe("fragmentToPointer", () => {
  it.each([
    ["", ""],
    ["/components/schemas/A", "/components/schemas/A"],
    ["/a%20b", "/a b"],
    ["/user~1signup", "/user~1signup"],
  ])("%j decodes to %j", (fragment, pointer) => {
    expect(fragmentToPointer(fragment)).toBe(pointer);
  });

  it.each(["Foo", "%E0%A4%A", "components/schemas"])("%j is not a pointer fragment", (fragment) => {
    expect(fragmentToPointer(fragment)).toBeUndefined();
  });
});

describe("getAtPointer / hasPointer", () => {
  const doc = {
    a: { "b/c": [10, { "d~e": null }], "": "empty key" },
    zero: 0,
  };

  it("finds nested values through objects and arrays", () => {
    expect(getAtPointer(doc, "")).toBe(doc);
    expect(getAtPointer(doc, "/a/b~1c/0")).toBe(10);
    expect(getAtPointer(doc, "/a/b~1c/1/d~0e")).toBeNull();
    expect(getAtPointer(doc, "/a/")).toBe("empty key");
    expect(getAtPointer(doc, "/zero")).toBe(0);
  });

  it("tells a null or falsy value from a missing one", () => {
    expect(hasPointer(doc, "/a/b~1c/1/d~0e")).toBe(true);
    expect(hasPointer(doc, "/zero")).toBe(true);
    expect(hasPointer(doc, "/a/nope")).toBe(false);
    expect(getAtPointer(doc, "/a/nope")).toBeUndefined();
  });

  it.each([
    ["/a/b~1c/2", "index past the end"],
    ["/a/b~1c/01", "leading zero"],
    ["/a/b~1c/-", "the append position"],
    ["/a/b~1c/1.0", "not an integer"],
    ["/zero/x", "into a scalar"],
    ["a", "not a pointer"],
  ])("%j is missing (%s)", (pointer) => {
    expect(hasPointer(doc, pointer)).toBe(false);
    expect(getAtPointer(doc, pointer)).toBeUndefined();
  });

  it("does not read inherited properties", () => {
    expect(hasPointer({}, "/constructor")).toBe(false);
    expect(hasPointer({}, "/__proto__")).toBe(false);
  });
});
