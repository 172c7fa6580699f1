import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { compatRule } from "../../src/compat/registry.js";
import { hasPointer } from "../../src/schema/pointer.js";
import { apicurioCases, COMPAT_CORPUS, CONFLUENT_FILES, confluentCases, hasCorpus } from "./corpus.js";

/** Every schema of the corpora (both sides of every case, plus Confluent's extra schema files). */
function corpusSchemas(): unknown[] {
  const cases = [...CONFLUENT_FILES.flatMap((f) => confluentCases(f)), ...apicurioCases()];
  const extra = JSON.parse(readFileSync(join(COMPAT_CORPUS, "confluent/all-schemas.json"), "utf8")) as {
    source_schema: unknown;
    target_schema: unknown;
  }[];
  return [
    ...cases.flatMap((c) => [c.original, c.updated]),
    ...extra.flatMap((e) => [e.source_schema, e.target_schema]),
    JSON.parse(readFileSync(join(COMPAT_CORPUS, "confluent/recursive-schema.json"), "utf8")),
  ];
}

describe.runIf(hasCorpus)("compat laws over the corpus schemas", () => {
  const schemas = hasCorpus ? corpusSchemas() : [];
  const pairs = hasCorpus
    ? [...CONFLUENT_FILES.flatMap((f) => confluentCases(f)), ...apicurioCases()].flatMap((c) => [
        [c.original, c.updated],
        [c.updated, c.original],
      ])
    : [];

  it.each(["semantic", "confluent"] as const)(
    "a schema compared with itself has no findings (%s)",
    (profile) => {
      const noisy = schemas
        .filter((s) => isSubset(s, s, { profile }).length > 0)
        .map((s) => JSON.stringify(s));
      expect(schemas.length).toBeGreaterThan(500);
      expect(noisy).toEqual([]);
    },
  );

  it("every finding names a registered rule and pointers that exist in the schema they name", () => {
    let findings = 0;
    for (const [writer, reader] of pairs) {
      for (const f of isSubset(writer, reader)) {
        findings++;
        expect(compatRule(f.ruleId), f.ruleId).toBeDefined();
        expect(hasPointer(writer, f.writerPointer), `writer ${f.writerPointer}`).toBe(true);
        expect(hasPointer(reader, f.readerPointer), `reader ${f.readerPointer}`).toBe(true);
      }
    }
    expect(findings).toBeGreaterThan(100);
  });

  it("output is deterministic", () => {
    for (const [writer, reader] of pairs) {
      expect(JSON.stringify(isSubset(writer, reader))).toBe(JSON.stringify(isSubset(writer, reader)));
    }
  });
});

it("a reordered required/enum/oneOf is not a change, in both directions", () => {
  const a = { oneOf: [{ type: "string" }, { type: "number" }], enum: ["x", 1, 2], required: ["a", "b"] };
  const b = { required: ["b", "a"], enum: [2, "x", 1], oneOf: [{ type: "number" }, { type: "string" }] };
  expect(isSubset(a, b)).toEqual([]);
  expect(isSubset(b, a)).toEqual([]);
});
