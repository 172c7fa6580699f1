import { describe, expect, it } from "vitest";
import { classifyRef, isInside } from "../../src/model/ref-kind.js";

const FROM = "/project/asyncapi/orders.yaml";

describe("classifyRef", () => {
  it.each([
    ["#/components/schemas/A", { kind: "file", path: FROM, pointer: "/components/schemas/A" }],
    ["#", { kind: "file", path: FROM, pointer: "" }],
    ["../schemas/a.json", { kind: "file", path: "/project/schemas/a.json", pointer: "" }],
    ["./common.yaml#/x", { kind: "file", path: "/project/asyncapi/common.yaml", pointer: "/x" }],
    ["sub/dir/a.yaml#/a~1b", { kind: "file", path: "/project/asyncapi/sub/dir/a.yaml", pointer: "/a~1b" }],
    ["/abs/a.yaml", { kind: "file", path: "/abs/a.yaml", pointer: "" }],
    ["file:///abs/b.yaml#/c", { kind: "file", path: "/abs/b.yaml", pointer: "/c" }],
    ["my%20schemas/a.json", { kind: "file", path: "/project/asyncapi/my schemas/a.json", pointer: "" }],
    ["a.json#/with%20space", { kind: "file", path: "/project/asyncapi/a.json", pointer: "/with space" }],
  ])("%j is a file ref", (ref, expected) => {
    expect(classifyRef(ref, FROM)).toEqual(expected);
  });

  it.each([
    "https://example.com/schema.json",
    "http://example.com/a.yaml#/components/schemas/A",
    "HTTPS://EXAMPLE.COM/X",
  ])("%j is remote", (ref) => {
    expect(classifyRef(ref, FROM)).toEqual({ kind: "remote", url: ref });
  });

  it.each([
    ["ftp://example.com/a.yaml", /ftp:/],
    ["urn:example:schema", /urn:/],
    ["a.json#Foo", /not a JSON pointer/],
    ["#components/schemas/A", /not a JSON pointer/],
    ["a.json#%E0%A4%A", /not a JSON pointer/],
  ])("%j is unsupported", (ref, reason) => {
    const kind = classifyRef(ref, FROM);
    expect(kind.kind).toBe("unsupported");
    expect(kind.kind === "unsupported" && kind.reason).toMatch(reason);
  });

  it("keeps a path that is not percent-encoded as written", () => {
    expect(classifyRef("100%.json", FROM)).toEqual({
      kind: "file",
      path: "/project/asyncapi/100%.json",
      pointer: "",
    });
  });
});

describe("isInside", () => {
  it.each([
    ["/project", "/project", true],
    ["/project", "/project/a.yaml", true],
    ["/project/", "/project/a/b.yaml", true],
    ["/project", "/project-other/a.yaml", false],
    ["/project", "/etc/passwd", false],
    ["/project", "/", false],
  ])("isInside(%j, %j) is %s", (root, path, expected) => {
    expect(isInside(root, path)).toBe(expected);
  });
});
