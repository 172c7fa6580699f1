import { describe, expect, it } from "vitest";
import { apiDocsSection, ENTRY_POINTS, entryExports } from "./entry-points.js";

/** The code in a piece of markdown: inline code spans and fenced blocks. */
const codeIn = (markdown: string) => markdown.match(/```[\s\S]*?```|`[^`]+`/g)?.join("\n") ?? "";

describe("documentation of the entry points", () => {
  const exports = entryExports();

  it("every export, value or type, has TSDoc on its declaration", () => {
    expect(exports.get("eventline")?.length).toBeGreaterThan(20);
    expect(exports.get("eventline/runtime")?.length).toBeGreaterThan(20);
    const undocumented = [...exports].flatMap(([specifier, list]) =>
      list.filter((e) => e.doc === "").map((e) => `${specifier}: ${e.name}`),
    );
    expect(undocumented).toEqual([]);
  });

  it("docs/api.md has a section per entry point whose code names each of its exports", () => {
    for (const specifier of [...Object.keys(ENTRY_POINTS), "eventline/spectral"]) {
      expect(apiDocsSection(specifier), `docs/api.md: ## \`${specifier}\``).toBeDefined();
    }
    const unmentioned = [...exports].flatMap(([specifier, list]) => {
      // A name counts inside code: `name`, a signature such as `f(options: Name)`, or a code block.
      const code = codeIn(apiDocsSection(specifier) ?? "");
      return list
        .filter((e) => !new RegExp(`\\b${e.name}\\b`).test(code))
        .map((e) => `${specifier}: ${e.name}`);
    });
    expect(unmentioned).toEqual([]);
  });
});
