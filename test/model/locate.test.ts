import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { locateInYaml } from "../../src/model/locate.js";

function locator(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return (pointer: string) => locateInYaml(doc, lineCounter, pointer);
}

const YAML = [
  "asyncapi: 3.0.0", // 1
  "channels:", // 2
  "  user/signup:", // 3
  "    address: users", // 4
  "    messages:", // 5
  "      - name: first", // 6
  "      - name: second", // 7
  "        payload: {type: object}", // 8
  "  'a~b':", // 9
  "    x: 1", // 10
  "  404: numeric key", // 11
  "",
].join("\n");

describe("locateInYaml", () => {
  const locate = locator(YAML);

  it("puts the root at the start of the document", () => {
    expect(locate("")).toEqual({ line: 1, column: 1 });
  });

  it("points a mapping entry at its key", () => {
    expect(locate("/asyncapi")).toEqual({ line: 1, column: 1 });
    expect(locate("/channels")).toEqual({ line: 2, column: 1 });
    expect(locate("/channels/user~1signup/address")).toEqual({ line: 4, column: 5 });
  });

  it("points a sequence item at the item", () => {
    expect(locate("/channels/user~1signup/messages/0")).toEqual({ line: 6, column: 9 });
    expect(locate("/channels/user~1signup/messages/1/payload")).toEqual({ line: 8, column: 9 });
  });

  it("unescapes ~0 and ~1 and matches non-string keys by their text", () => {
    expect(locate("/channels/a~0b/x")).toEqual({ line: 10, column: 5 });
    expect(locate("/channels/404")).toEqual({ line: 11, column: 3 });
  });

  it("falls back to the deepest existing ancestor for a missing node", () => {
    expect(locate("/channels/user~1signup/nope/deeper")).toEqual({ line: 3, column: 3 });
    expect(locate("/channels/user~1signup/messages/7")).toEqual({ line: 5, column: 5 });
    expect(locate("/channels/user~1signup/messages/x")).toEqual({ line: 5, column: 5 });
    expect(locate("/asyncapi/below-a-scalar")).toEqual({ line: 1, column: 1 });
  });

  it("treats an invalid pointer as the root", () => {
    expect(locate("channels")).toEqual({ line: 1, column: 1 });
  });

  it("locates nodes in JSON text", () => {
    const json = locator('{\n  "a": {\n    "b": [\n      true,\n      {"c": null}\n    ]\n  }\n}\n');
    expect(json("/a")).toEqual({ line: 2, column: 3 });
    expect(json("/a/b/1")).toEqual({ line: 5, column: 7 });
    expect(json("/a/b/1/c")).toEqual({ line: 5, column: 8 });
  });

  it("handles a document that starts after comments and a directive end marker", () => {
    const locate2 = locator("# header\n---\nkey: value\n");
    expect(locate2("/key")).toEqual({ line: 3, column: 1 });
    expect(locate2("")).toEqual({ line: 3, column: 1 });
  });

  it("handles an empty document", () => {
    expect(locator("")("/anything")).toEqual({ line: 1, column: 1 });
  });
});
