import { describe, expect, it } from "vitest";
import {
  assignUniqueNames,
  commentText,
  memberName,
  pascalIdentifier,
  stringLiteral,
} from "../../src/codegen/names.js";

describe("pascalIdentifier", () => {
  it.each([
    ["order-created.v1", "OrderCreatedV1"],
    ["OrderCreated", "OrderCreated"],
    ["user signed up", "UserSignedUp"],
    ["2fa enabled", "T2FaEnabled"],
    ["class", "Class"],
    ["string", "StringType"],
    ["Promise", "PromiseType"],
    // Non-ASCII letters that do not decompose to ASCII split words: ß drops out.
    ["Größe ändern", "GroEAndern"],
    ["***", "Unnamed"],
    ["", "Unnamed"],
    ["HTTPRequest", "HTTPRequest"],
  ])("%j → %j", (input, expected) => {
    const id = pascalIdentifier(input);
    expect(id).toBe(expected);
    // PascalCase of a reserved lower-case word is not reserved; the capitalised globals are.
    expect(id).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
  });
});

describe("memberName", () => {
  it("keeps a valid identifier as written and rewrites anything else", () => {
    expect(memberName("OrderCreated")).toBe("OrderCreated");
    expect(memberName("order.created")).toBe("OrderCreated");
    expect(memberName("delete")).toBe("Delete");
  });
});

describe("assignUniqueNames", () => {
  it("gives the natural name to the first key in sorted order, the next candidate to the others", () => {
    const names = assignUniqueNames([
      { key: "b#/Money", candidates: ["Money", "BillingMoney"] },
      { key: "a#/Money", candidates: ["Money", "AccountsMoney"] },
    ]);
    expect(names.get("a#/Money")).toBe("Money");
    expect(names.get("b#/Money")).toBe("BillingMoney");
  });

  it("falls back to a hash of the key, never a counter, and respects reserved names", () => {
    const names = assignUniqueNames(
      [
        { key: "x", candidates: ["Money"] },
        { key: "y", candidates: ["Money"] },
      ],
      ["contract"],
    );
    expect(names.get("x")).toBe("Money");
    expect(names.get("y")).toMatch(/^Money_[0-9A-F]{6}$/);
    expect(assignUniqueNames([{ key: "k", candidates: ["contract"] }], ["contract"]).get("k")).toMatch(
      /^contract_[0-9A-F]{6}$/,
    );
  });

  it("does not depend on the order requests arrive in", () => {
    const requests = [
      { key: "c", candidates: ["A", "C"] },
      { key: "a", candidates: ["A", "X"] },
      { key: "b", candidates: ["A", "B"] },
    ];
    const one = assignUniqueNames(requests);
    const two = assignUniqueNames([...requests].reverse());
    expect([...one.entries()].sort()).toEqual([...two.entries()].sort());
  });
});

describe("comment and string escaping", () => {
  it("cannot close a doc comment", () => {
    const text = commentText("ends here */ injected(); /* and `${x}`\u2028");
    expect(text).not.toContain("*/");
    expect(text).not.toContain("\u2028");
  });

  it("quotes strings so backticks and ${ stay text", () => {
    const literal = stringLiteral('a`b${c}"d\u2028');
    expect(JSON.parse(literal)).toBe('a`b${c}"d\u2028');
    expect(literal.startsWith('"')).toBe(true);
  });
});
