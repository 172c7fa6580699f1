import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/**
 * Third-party compatibility cases, read in place (Confluent's are not redistributable: never copy them).
 * `EVENTLINE_COMPAT_CORPUS` names the folder when the checkout is not next to `shared/` (a worktree).
 */
export const COMPAT_CORPUS =
  process.env.EVENTLINE_COMPAT_CORPUS ?? resolve(import.meta.dirname, "../../../shared/corpus/compat");
export const hasCorpus = existsSync(COMPAT_CORPUS);

export interface Case {
  corpus: string;
  index: number;
  description: string;
  original: unknown;
  updated: unknown;
  /** BACKWARD verdict (updated reads original data). */
  backward: boolean;
  /** FORWARD verdict, when the corpus states one. */
  forward?: boolean;
  /** Confluent's BACKWARD verdict under its LENIENT policy, where it differs from STRICT. */
  lenient?: boolean;
}

/** One Confluent file is not strict JSON (a trailing comma); YAML 1.2 reads it. */
function readLenient(path: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    return parse(text.replace(/,(\s*[}\]])/g, "$1"));
  }
}

export const CONFLUENT_FILES = [
  "confluent/diff-schema-examples.json",
  "confluent/diff-schema-examples-2020-12.json",
  "confluent/diff-combined-schema-examples.json",
  "confluent/diff-combined-schema-examples-2020-12.json",
];

export function confluentCases(file: string): Case[] {
  const list = readLenient(join(COMPAT_CORPUS, file)) as {
    description: string;
    original_schema: unknown;
    update_schema: unknown;
    compatible: boolean;
    compatible_lenient?: boolean;
  }[];
  return list.map((c, index) => ({
    corpus: file,
    index,
    description: c.description,
    original: c.original_schema,
    updated: c.update_schema,
    backward: c.compatible,
    ...(typeof c.compatible_lenient === "boolean" ? { lenient: c.compatible_lenient } : {}),
  }));
}

export function apicurioCases(): Case[] {
  const file = "apicurio/json-compatibility-test-data.json";
  const data = readLenient(join(COMPAT_CORPUS, file)) as {
    tests: { enabled: boolean; id: string; compatibility: string; original: unknown; updated: unknown }[];
  };
  return data.tests.flatMap((t, index) =>
    t.enabled === false
      ? []
      : [
          {
            corpus: file,
            index,
            description: t.id,
            original: t.original,
            updated: t.updated,
            backward: t.compatibility !== "none",
            forward: t.compatibility === "both",
          },
        ],
  );
}

export interface Dispute {
  corpus: string;
  index: number;
  kind: "refuted" | "over_strict";
}

/**
 * Labels that exact arithmetic supports and ajv's runtime check refutes, beside label-disputes.json:
 * ajv tests `x / multipleOf === parseInt(x / multipleOf)`, which fails once the quotient prints in
 * exponent form (1e21 and up). Each witness is valid under the original schema and invalid under the
 * update; corpus.test.ts checks that with ajv.
 */
export const RUNTIME_REFUTED: readonly (Dispute & { witness: unknown })[] = [
  { corpus: "confluent/diff-schema-examples.json", index: 19, kind: "refuted", witness: 5e21 },
  { corpus: "confluent/diff-schema-examples-2020-12.json", index: 19, kind: "refuted", witness: 5e21 },
  { corpus: "apicurio/json-compatibility-test-data.json", index: 18, kind: "refuted", witness: 5e21 },
];

/**
 * Labels over-strict beside label-disputes.json: Apicurio's conditional cases use unanchored
 * `pattern`s (`[a-z]*`, `[A-Z]*`) in their branches, which match every string (a pattern is a search,
 * and the empty match is found in any string), so changing the condition or a branch changes no
 * verdict. corpus.test.ts checks that every pattern in them matches every string.
 */
export const EVERY_STRING_PATTERNS: readonly Dispute[] = [124, 125, 126].map((index) => ({
  corpus: "apicurio/json-compatibility-test-data.json",
  index,
  kind: "over_strict",
}));

export function disputes(): Dispute[] {
  // Skipped suites are still collected, so this runs without the corpus too.
  if (!hasCorpus) return [];
  const d = JSON.parse(readFileSync(join(COMPAT_CORPUS, "label-disputes.json"), "utf8")) as {
    refuted: { corpus: string; index: number }[];
    over_strict: { corpus: string; index: number }[];
  };
  return [
    ...d.refuted.map((x) => ({ corpus: x.corpus, index: x.index, kind: "refuted" as const })),
    ...d.over_strict.map((x) => ({ corpus: x.corpus, index: x.index, kind: "over_strict" as const })),
    ...RUNTIME_REFUTED,
    ...EVERY_STRING_PATTERNS,
  ];
}
