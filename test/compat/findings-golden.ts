// What the schema engine finds on every input the repository has at hand, as plain lines: rule id,
// pointers, severity, message and witness, plus the verdict of each direction. The golden test
// compares them with findings-golden.json, so a change to how the engine is built that changes what
// it finds fails there.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { adversarialPair } from "../../src/compat/adversarial-pairs.js";
import { diffCatalogs } from "../../src/compat/catalog-diff/index.js";
import { isSubset, type SubsetOptions } from "../../src/compat/is-subset.js";
import { checkCompatibility } from "../../src/compat/modes.js";
import { compatRule } from "../../src/compat/registry.js";
import { load } from "./catalog-diff/load.js";
import { apicurioCases, type Case, CONFLUENT_FILES, confluentCases } from "./corpus.js";
import { TABLE } from "./rules/table.js";

export type Golden = Record<string, string[]>;

/** Short digest of a value: the corpus may not be copied, so its messages and witnesses are kept as hashes only. */
function digest(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(value) ?? "undefined")
    .digest("hex")
    .slice(0, 12);
}

const text = (value: unknown) => JSON.stringify(value) ?? "undefined";

/** Both directions of one pair: each finding's line, then each direction's verdict. */
function pairLines(writer: unknown, reader: unknown, options: SubsetOptions, hashed: boolean): string[] {
  const out: string[] = [];
  for (const [direction, w, r] of [
    ["BACKWARD", writer, reader],
    ["FORWARD", reader, writer],
  ] as const) {
    const findings = isSubset(w, r, options);
    for (const f of findings) {
      const severity = compatRule(f.ruleId)?.severity[direction] ?? "?";
      const show = hashed ? digest : text;
      out.push(
        `${direction} ${f.ruleId} ${severity} w=${f.writerPointer} r=${f.readerPointer} ` +
          `message=${show(f.message)} witness=${"witness" in f ? show(f.witness) : "-"}`,
      );
    }
    out.push(`${direction} ${findings.length === 0 ? "compatible" : "incompatible"}`);
  }
  return out;
}

const PROFILES: readonly [string, SubsetOptions][] = [
  ["semantic", { profile: "semantic" }],
  ["confluent", { profile: "confluent" }],
  ["lenient", { profile: "semantic", writerDeclaredKeysOnly: true }],
  ["confluent-lenient", { profile: "confluent", writerDeclaredKeysOnly: true }],
];

/** The third-party corpora, read in place: rule ids, pointers, severities and verdicts, messages and witnesses hashed. */
export function corpusGolden(): Golden {
  const cases: Case[] = [...CONFLUENT_FILES.flatMap(confluentCases), ...apicurioCases()];
  const out: Golden = {};
  for (const c of cases) {
    for (const [name, options] of PROFILES)
      out[`${c.corpus}#${c.index} ${name}`] = pairLines(c.original, c.updated, options, true);
    // Whole-message witnesses of the engine's findings (the report's `witness` field).
    out[`${c.corpus}#${c.index} FULL witness`] = checkCompatibility([c.original, c.updated], "FULL").map(
      (f) =>
        `${f.direction} ${f.ruleId} ${f.witnessStatus} ${digest(f.witness)} at=${f.witnessPointer ?? "-"}`,
    );
  }
  return out;
}

/** Eventline's own inputs: the per-rule tables, generated adversarial pairs and the catalog fixtures. */
export async function ownGolden(): Promise<Golden> {
  const out: Golden = {};
  for (const [id, { invalid, valid }] of Object.entries(TABLE)) {
    for (const [kind, pairs] of [
      ["invalid", invalid],
      ["valid", valid],
    ] as const)
      pairs.forEach(([w, r, o], i) => {
        out[`rules/${id} ${kind}#${i}`] = pairLines(w, r, o ?? {}, false);
      });
  }
  const pairs = fc.sample(adversarialPair, { numRuns: 400, seed: 20261207 });
  pairs.forEach(({ writer, reader }, i) => {
    for (const [name, options] of PROFILES.slice(0, 2))
      out[`adversarial#${i} ${name}`] = pairLines(writer, reader, options, true);
  });
  const fixtures = fileURLToPath(new URL("../fixtures/compat/", import.meta.url));
  for (const name of readdirSync(fixtures).sort()) {
    const previous = await load(`${fixtures}${name}/previous`);
    const current = await load(`${fixtures}${name}/current`);
    out[`fixtures/${name}`] = diffCatalogs(previous, current).map(
      (d) =>
        `${d.ruleId} ${d.severity} ${d.file} ${d.pointer} breaking=${d.breaking} message=${text(d.message)} ` +
        `witness=${text(d.witness)} at=${d.witnessPointer ?? "-"}`,
    );
  }
  return out;
}
