import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// docs-site may not import src/ (the layering rules), so it keeps its own copy of the catalog JSON
// types. A copy drifts silently; this keeps the two declarations identical below their headers.
const body = (path: string) => {
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
  return text.slice(text.indexOf("/** `format` of the catalog JSON"));
};

describe("the site's copy of the catalog JSON types", () => {
  it("declares exactly what src/catalog/types.ts declares", () => {
    expect(body("docs-site/src/lib/types.ts")).toBe(body("src/catalog/types.ts"));
    expect(body("src/catalog/types.ts").length).toBeGreaterThan(1000);
  });
});
