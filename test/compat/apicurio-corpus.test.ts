import { describe, expect, it } from "vitest";
import { agreement, describeAgreement } from "./agreement.js";
import { apicurioCases, disputes, hasCorpus } from "./corpus.js";

/**
 * Apicurio Registry's JSON Schema cases (Apache-2.0), read in place. Each case states both
 * directions: `backward` = BACKWARD passes and FORWARD fails, `both`, `none`.
 */
const FILE = "apicurio/json-compatibility-test-data.json";

/**
 * Cases each profile is known to differ on. Semantic: only label disputes (unanchored patterns such
 * as `[a-z]*` match every string: #10, #11, and the conditionals #124-#126; contentEncoding and
 * contentMediaType are annotations; #96's schemas are both unsatisfiable; #117/#119 are refuted by a
 * witness; #18, multipleOf 10 → 5, by ajv's runtime check: 5e21). Confluent: the profile predicts Confluent's checker, which by design ignores format (13, 14),
 * propertyNames (44), if/then/else (124-126) and oneOf overlap (114), and compares `required` only for
 * declared properties (41, 42).
 */
const EXPECTED_DISAGREEMENTS = {
  confluent: [13, 14, 41, 42, 44, 96, 100, 101, 103, 104, 114, 124, 125, 126],
  semantic: [10, 11, 18, 96, 100, 101, 103, 104, 117, 119, 124, 125, 126],
};

describe.runIf(hasCorpus)("Apicurio corpus", () => {
  const disputed = disputes();

  it("agreement per profile", () => {
    const cases = apicurioCases();
    const confluent = agreement(cases, "confluent", disputed);
    const semantic = agreement(cases, "semantic", disputed);
    console.log(
      `${describeAgreement(FILE, "confluent", confluent)}\n${describeAgreement(FILE, "semantic", semantic)}`,
    );
    expect(cases.length).toBe(145);
    expect(confluent.disagree).toEqual(EXPECTED_DISAGREEMENTS.confluent);
    expect(semantic.disagree).toEqual(EXPECTED_DISAGREEMENTS.semantic);
    for (const index of semantic.disagree) {
      expect(
        disputed.some((d) => d.corpus === FILE && d.index === index),
        `#${index} is not a documented dispute`,
      ).toBe(true);
    }
  });
});

if (!hasCorpus)
  it.skip("Apicurio corpus: skipped, ../shared/corpus/compat is absent", () => {
    console.log("Apicurio corpus skipped: ../shared/corpus/compat not found next to the repository");
  });
