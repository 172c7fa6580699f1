// How many incompatible verdicts a whole-message witness proves, and that none is wrong: over the
// Confluent and Apicurio corpora (each direction a verdict) and breaking edits of the example platform.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { diffCatalogs } from "../../src/compat/catalog-diff/index.js";
import { checkCompatibility } from "../../src/compat/modes.js";
import type { Catalog } from "../../src/model/types.js";
import { createAjv, draftOf } from "../../src/schema/ajv.js";
import { decycle } from "../../src/schema/decycle.js";
import { load } from "./catalog-diff/load.js";
import { apicurioCases, type Case, CONFLUENT_FILES, confluentCases, hasCorpus } from "./corpus.js";

/** An ajv check independent of the search's (fresh instance, formats asserted). */
function valid(schema: unknown, value: unknown): boolean {
  if (typeof schema === "boolean") return schema;
  const copy = { ...(schema as Record<string, unknown>) };
  delete copy.$id;
  delete copy.id;
  delete copy.$schema;
  return createAjv(draftOf(schema), { strict: false }).validate(copy, value) as boolean;
}

/** ajv refuses a few legal-but-odd schemas the search rewrites to their meaning first (draft-04 boolean bounds). */
function judge(writer: unknown, reader: unknown, value: unknown): "right" | "wrong" | "rewritten" {
  try {
    return valid(writer, value) && !valid(reader, value) ? "right" : "wrong";
  } catch {
    return "rewritten";
  }
}

interface Tally {
  incompatible: number;
  witnessed: number;
  wrong: string[];
  unwitnessed: string[];
}

function corpusTally(cases: readonly Case[]): Tally {
  const t: Tally = { incompatible: 0, witnessed: 0, wrong: [], unwitnessed: [] };
  for (const c of cases) {
    const findings = checkCompatibility([c.original, c.updated], "FULL");
    for (const direction of ["BACKWARD", "FORWARD"] as const) {
      const f = findings.find((x) => x.direction === direction);
      if (!f) continue;
      t.incompatible++;
      const label = `${c.corpus}#${c.index} ${direction}`;
      if (f.witnessStatus !== "found") {
        t.unwitnessed.push(`${label}: ${f.witnessReason}`);
        continue;
      }
      t.witnessed++;
      const [writer, reader] = direction === "BACKWARD" ? [c.original, c.updated] : [c.updated, c.original];
      if (judge(writer, reader, f.witness) === "wrong") t.wrong.push(label);
    }
  }
  return t;
}

function describeTally(name: string, t: Tally): string {
  const rate = t.incompatible === 0 ? 1 : t.witnessed / t.incompatible;
  return (
    `${name}: ${t.witnessed}/${t.incompatible} incompatible verdicts witnessed (${(rate * 100).toFixed(1)}%), ${t.wrong.length} wrong` +
    t.unwitnessed.map((u) => `\n  no witness ${u}`).join("") +
    t.wrong.map((u) => `\n  WRONG ${u}`).join("")
  );
}

describe.runIf(hasCorpus)("witness rate over the corpora", () => {
  it("at least 95% of incompatible verdicts carry a whole-message witness, none wrong", () => {
    const cases = [...CONFLUENT_FILES.flatMap((f) => confluentCases(f)), ...apicurioCases()];
    const t = corpusTally(cases);
    console.log(describeTally("Confluent + Apicurio corpora", t));
    expect(t.wrong).toEqual([]);
    expect(t.witnessed / t.incompatible).toBeGreaterThanOrEqual(0.95);
  }, 300_000);
});

if (!hasCorpus)
  it.skip("witness rate over the corpora: skipped, ../shared/corpus/compat is absent", () => {
    console.log("witness rate skipped: ../shared/corpus/compat not found next to the repository");
  });

const REPO = resolve(import.meta.dirname, "../..");

/** Breaking edits of the example platform's schema files, each a change a team might make. */
/** The parts of a schema file the edits touch. */
interface SchemaFile {
  properties: Record<string, Record<string, unknown>>;
  required: string[];
}

function prop(s: SchemaFile, name: string): Record<string, unknown> {
  const p = s.properties[name];
  if (!p) throw new Error(`the example platform no longer declares "${name}"`);
  return p;
}

const EDITS: [file: string, edit: (s: SchemaFile) => void][] = [
  // An enum value removed: the example sends another one.
  ["schemas/payloads/order-created.v1.json", (s) => (prop(s, "salesChannel").enum = ["web", "mobile-app"])],
  // A required property added: the example already lacks it.
  [
    "schemas/payloads/item-added.v1.json",
    (s) => {
      s.properties.addedBy = { type: "string" };
      s.required.push("addedBy");
    },
  ],
  // A bound tightened below what the example uses only in its headroom.
  ["schemas/payloads/order-confirmed.v1.json", (s) => (prop(s, "lines").maxItems = 1)],
  // A shared definition narrowed: every message using money breaks.
  [
    "schemas/common/money.json",
    (s) => (prop(s, "amount").pattern = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$"),
  ],
  // Headers: a length limit every example's id fits exactly.
  ["schemas/envelope/cloudevents-headers.json", (s) => (prop(s, "ce_id").maxLength = 36)],
];

function platformCopy(edit: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-witness-rate-"));
  for (const d of ["asyncapi", "schemas"]) cpSync(join(REPO, d), join(dir, d), { recursive: true });
  if (edit)
    for (const [file, change] of EDITS) {
      const s = JSON.parse(readFileSync(join(dir, file), "utf8")) as SchemaFile;
      change(s);
      writeFileSync(join(dir, file), JSON.stringify(s, null, 2));
    }
  return dir;
}

function messageSchema(catalog: Catalog, file: string, name: string, part: "payload" | "headers"): unknown {
  const m = catalog.messages.find((x) => x.name === name && x.source.file === file);
  const resolved = decycle(m?.[part]?.resolved);
  expect(resolved, `${file}: message ${name} has a ${part} schema`).toBeDefined();
  return resolved;
}

describe("witness rate over breaking edits of the example platform", () => {
  it("every breaking payload and headers change carries a verified message, built from the examples", async () => {
    const [before, after] = await Promise.all([load(platformCopy(false)), load(platformCopy(true))]);
    const changes = diffCatalogs(before, after).filter(
      (c) => c.breaking && (c.ruleId === "payload-incompatible" || c.ruleId === "headers-incompatible"),
    );
    const t: Tally = { incompatible: 0, witnessed: 0, wrong: [], unwitnessed: [] };
    let fromExamples = 0;
    for (const c of changes) {
      t.incompatible++;
      const label = `${c.file}${c.pointer}`;
      if (c.witnessStatus !== "found") {
        t.unwitnessed.push(`${label}: ${c.witnessReason}`);
        continue;
      }
      t.witnessed++;
      const part = c.ruleId === "payload-incompatible" ? "payload" : "headers";
      // The change points at the edited schema file; its text names the message and its document.
      const [, name = "", document] = /message "([^"]+)" on \S+(?: \(([^)]+)\))?/.exec(c.message) ?? [];
      const file = document ?? c.file;
      const message = after.messages.find((m) => m.name === name && m.source.file === file);
      // BACKWARD (the platform's mode): the old schema writes, the new one reads.
      const writer = messageSchema(before, file, name, part);
      const reader = messageSchema(after, file, name, part);
      if (judge(writer, reader, c.witness) === "wrong") t.wrong.push(label);
      // Built from an example: it shares a value with one of the message's examples beyond the break.
      const examples = (message?.examples ?? []).map((e) => e[part]);
      const shares = examples.some(
        (e) =>
          e !== null &&
          typeof e === "object" &&
          Object.entries(e).some(
            ([k, v]) =>
              k !== c.witnessPointer?.split("/")[1] &&
              JSON.stringify((c.witness as Record<string, unknown>)?.[k]) === JSON.stringify(v),
          ),
      );
      if (examples.length > 0 && shares) fromExamples++;
      expect(typeof c.witnessPointer).toBe("string");
    }
    console.log(
      `${describeTally("example platform edits", t)}; ${fromExamples} built from the message's examples`,
    );
    expect(t.incompatible).toBeGreaterThanOrEqual(EDITS.length);
    expect(t.wrong).toEqual([]);
    expect(t.witnessed).toBe(t.incompatible);
    expect(fromExamples).toBe(t.witnessed);
  }, 300_000);
});
