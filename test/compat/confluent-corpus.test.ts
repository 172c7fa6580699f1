import { describe, expect, it } from "vitest";
import { agreement, describeAgreement, verdict } from "./agreement.js";
import { CONFLUENT_FILES, confluentCases, disputes, hasCorpus } from "./corpus.js";

/**
 * Confluent Schema Registry's published JSON Schema cases (BACKWARD verdicts), read in place from
 * ../shared/corpus/compat: they are under the Confluent Community License, never copy them here.
 * The numbers asserted are the agreement reached; a regression fails, an improvement must update them.
 */

/** Cases whose verdict each profile is known to differ on, by file. */
const EXPECTED_DISAGREEMENTS: Record<string, { confluent: number[]; semantic: number[] }> = {
  // 19: multipleOf 10 → 2 is refuted by ajv's runtime check (5e21; see RUNTIME_REFUTED in corpus.ts).
  // 55: Confluent never checks `required` for a name missing from `properties` ({foo:"x"} refutes it).
  // 87, 88: additionalItems without array-form items is a no-op under draft-07.
  "confluent/diff-schema-examples.json": { confluent: [], semantic: [19, 55, 87, 88] },
  "confluent/diff-schema-examples-2020-12.json": { confluent: [], semantic: [19, 57] },
  "confluent/diff-combined-schema-examples.json": { confluent: [], semantic: [] },
  "confluent/diff-combined-schema-examples-2020-12.json": { confluent: [], semantic: [] },
};

describe.runIf(hasCorpus)("Confluent corpus", () => {
  const disputed = disputes();

  it.each(CONFLUENT_FILES)("%s: agreement per profile", (file) => {
    const cases = confluentCases(file);
    const confluent = agreement(cases, "confluent", disputed);
    const semantic = agreement(cases, "semantic", disputed);
    console.log(
      `${describeAgreement(file, "confluent", confluent)}\n${describeAgreement(file, "semantic", semantic)}`,
    );
    expect(cases.length).toBeGreaterThan(10);
    expect(confluent.disagree).toEqual(EXPECTED_DISAGREEMENTS[file]?.confluent);
    expect(semantic.disagree).toEqual(EXPECTED_DISAGREEMENTS[file]?.semantic);
    // The default profile may only differ where label-disputes.json shows the label is wrong or over-strict.
    for (const index of semantic.disagree) {
      expect(
        disputed.some((d) => d.corpus === file && d.index === index),
        `#${index} is not a documented dispute`,
      ).toBe(true);
    }
  });

  it.each(CONFLUENT_FILES)("%s: LENIENT verdicts with writers that emit only declared keys", (file) => {
    const lenient = confluentCases(file).filter((c) => c.lenient !== undefined);
    const wrong = lenient.filter((c) => verdict(c, "confluent", true).backward !== c.lenient);
    console.log(
      `${file} [confluent + writerDeclaredKeysOnly]: ${lenient.length} lenient cases, ${lenient.length - wrong.length} agree`,
    );
    expect(wrong.map((c) => c.index)).toEqual([]);
  });
});

if (!hasCorpus)
  it.skip("Confluent corpus: skipped, ../shared/corpus/compat is absent", () => {
    console.log("Confluent corpus skipped: ../shared/corpus/compat not found next to the repository");
  });
