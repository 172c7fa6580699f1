import { describe, expect, it } from "vitest";
import { isSubset } from "../../src/compat/is-subset.js";
import { matchesEveryString } from "../../src/compat/rules/pattern-changed.js";
import { createAjv, draftOf } from "../../src/schema/ajv.js";
import {
  apicurioCases,
  type Case,
  CONFLUENT_FILES,
  confluentCases,
  disputes,
  EVERY_STRING_PATTERNS,
  hasCorpus,
  RUNTIME_REFUTED,
} from "./corpus.js";

/**
 * The default (semantic) profile against Confluent's and Apicurio's published verdicts. A label may
 * only be contradicted where label-disputes.json documents why (a witness refutes it, or both schemas
 * accept the same instances): zero unexplained disagreements.
 */
function verdicts(c: Case): { backward: boolean; forward: boolean } {
  return {
    backward: isSubset(c.original, c.updated).length === 0,
    forward: isSubset(c.updated, c.original).length === 0,
  };
}

describe.runIf(hasCorpus)("compatibility corpus (semantic profile)", () => {
  const disputed = disputes();
  const files: [string, () => Case[]][] = [
    ...CONFLUENT_FILES.map((f) => [f, () => confluentCases(f)] as [string, () => Case[]]),
    ["apicurio/json-compatibility-test-data.json", apicurioCases],
  ];

  it.each(files)("%s: every disagreement is a documented label dispute", (file, load) => {
    const cases = load();
    // Agreement includes the disputed cases whose (over-strict) label we also give.
    const unexplained: string[] = [];
    const explained: string[] = [];
    const conservative: string[] = [];
    for (const c of cases) {
      const v = verdicts(c);
      const agrees = v.backward === c.backward && (c.forward === undefined || v.forward === c.forward);
      const dispute = disputed.find((d) => d.corpus === c.corpus && d.index === c.index);
      // Agreeing with an over-strict label is conservative (we flag an equivalent change); agreeing with a
      // refuted one would be unsound (we would call compatible what a witness breaks).
      if (agrees && dispute?.kind !== "refuted") {
        if (dispute) conservative.push(`#${c.index} ${c.description}`);
        continue;
      }
      const line = `#${c.index} ${c.description} (label backward=${c.backward}${c.forward === undefined ? "" : ` forward=${c.forward}`}; ours ${v.backward}/${v.forward})`;
      if (!agrees && dispute) explained.push(`${dispute.kind}: ${line}`);
      else unexplained.push(agrees ? `agrees with a refuted label: ${line}` : line);
    }
    console.log(
      `${file}: ${cases.length} cases, ${cases.length - explained.length - unexplained.length} agree, ` +
        `${explained.length} disagree as documented, ${unexplained.length} unexplained` +
        [...explained, ...unexplained].map((l) => `\n  ${l}`).join("") +
        (conservative.length > 0
          ? `\n  agree with an over-strict label (conservative): ${conservative.join("; ")}`
          : ""),
    );
    expect(cases.length).toBeGreaterThan(10);
    expect(unexplained).toEqual([]);
  });

  it.each(RUNTIME_REFUTED.map((d) => [d.corpus, d.index, d.witness] as const))(
    "%s #%i: the runtime witness is valid under the original and invalid under the update",
    (file, index, witness) => {
      const cases = file.startsWith("apicurio/") ? apicurioCases() : confluentCases(file);
      const c = cases.find((x) => x.index === index);
      expect(c).toBeDefined();
      const accepts = (schema: unknown) =>
        createAjv(draftOf(schema), { logger: false }).validate(schema as object, witness);
      expect([accepts(c!.original), accepts(c!.updated)]).toEqual([true, false]);
    },
  );

  it.each(EVERY_STRING_PATTERNS.map((d) => d.index))(
    "apicurio #%i: every pattern in the case matches every string, as ajv reads it",
    (index) => {
      const c = apicurioCases().find((x) => x.index === index);
      const patterns = JSON.stringify([c?.original, c?.updated]).match(/"pattern":"[^"]*"/g) ?? [];
      expect(patterns.length).toBeGreaterThan(0);
      for (const text of patterns) {
        const schema = { type: "string", pattern: (JSON.parse(`{${text}}`) as { pattern: string }).pattern };
        const ajv = createAjv("draft-07", { logger: false });
        for (const s of ["", "abc", "ABC", "a1 B2", "éü"]) expect(ajv.validate(schema, s)).toBe(true);
        expect(matchesEveryString(schema.pattern)).toBe(true);
      }
    },
  );

  it("finds nothing when a corpus schema is compared with itself", () => {
    const all = [...CONFLUENT_FILES.flatMap((f) => confluentCases(f)), ...apicurioCases()];
    const noisy = all.flatMap((c) =>
      [c.original, c.updated]
        .filter((s) => isSubset(s, s).length > 0)
        .map(() => `#${c.index} ${c.description}`),
    );
    expect(noisy).toEqual([]);
  });
});

if (!hasCorpus) it.skip("compatibility corpus: skipped, ../shared/corpus/compat is absent", () => {});
