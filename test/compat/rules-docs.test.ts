// Laws over every registered schema rule: one file, one documentation page with an example that
// the engine reports and a witness ajv confirms, and message templates that produce every finding's
// text (and are written nowhere else).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CompatFinding } from "../../src/compat/finding.js";
import { isSubset, type SubsetOptions } from "../../src/compat/is-subset.js";
import { COMPAT_RULES } from "../../src/compat/registry.js";
import type { CompatRuleMeta } from "../../src/compat/rule-meta.js";
import { fillTemplate, placeholders, templatePattern } from "../../src/compat/template.js";
import { validateSubschema } from "../../src/compat/validate-at.js";
import { isEventlineError } from "../../src/errors.js";
import { manyProperties } from "./engine/over-budget.js";
import { TABLE } from "./rules/table.js";

const repo = (path: string) => new URL(`../../${path}`, import.meta.url);
const read = (path: string) => readFileSync(repo(path), "utf8");
const ids = COMPAT_RULES.map((r) => r.id);

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

/** Pairs for the templates the rule tables do not reach: one per (rule, template name). */
function deeplyNested(leaf: unknown): unknown {
  let s = leaf;
  for (let i = 0; i < 160; i++) s = { properties: { a: s } };
  return s;
}
const TEMPLATE_FIXTURES: [
  ruleId: string,
  template: string,
  writer: unknown,
  reader: unknown,
  options?: SubsetOptions,
][] = [
  ["unprovable", "selfReference", { type: "string" }, { anyOf: [{ $ref: "#" }, { type: "string" }] }],
  [
    "unprovable",
    "unevaluatedInBranch",
    { type: "object" },
    // Built from JSON: a literal `then` key would make the object look like a promise to linters.
    JSON.parse(`{"$schema":"${DRAFT_2020}","if":{"required":["a"]},"then":{"unevaluatedProperties":false}}`),
  ],
  [
    "unprovable",
    "unevaluatedBesideDynamicRef",
    { type: "object" },
    {
      $schema: DRAFT_2020,
      type: "object",
      patternProperties: { "^a": {} },
      unevaluatedProperties: false,
      anyOf: [{ minProperties: 0 }, { type: "string", $ref: "#/$defs/B" }],
      $defs: { B: { type: "object", additionalProperties: {} } },
    },
  ],
  [
    "unprovable",
    "unevaluatedUnderChoice",
    { type: "object" },
    { $schema: DRAFT_2020, patternProperties: { "^b": {} }, oneOf: [{ unevaluatedProperties: {} }] },
  ],
  [
    "unprovable",
    "containsBesideTuple",
    { type: "array" },
    { $schema: DRAFT_2020, not: { prefixItems: [{ minimum: 1 }], contains: {} } },
  ],
  [
    "unprovable",
    "containsInLoop",
    { type: "object" },
    { $schema: DRAFT_2020, additionalProperties: { contains: { minimum: 1 } } },
  ],
  ["unprovable", "tooDeep", deeplyNested({ type: "string" }), deeplyNested({ type: "number" })],
  [
    "unprovable",
    "tooLarge",
    manyProperties({ type: "string", maxLength: 5 }),
    manyProperties({ type: "string" }),
  ],
  ["unprovable", "dynamicRef", { $dynamicRef: "#meta" }, { type: "string" }],
  [
    "unprovable",
    "badPatternKey",
    { properties: { a: {} } },
    { properties: { a: {} }, patternProperties: { "(": {} } },
  ],
  [
    "contains-changed",
    "atMost",
    { $schema: DRAFT_2020, type: "array", contains: { type: "integer" } },
    { $schema: DRAFT_2020, type: "array", contains: { type: "integer" }, maxContains: 2 },
  ],
  [
    "multiple-of-changed",
    "message",
    { type: "number", multipleOf: 2 },
    { type: "number", multipleOf: 4 },
    { profile: "confluent" },
  ],
];

function templates(rule: CompatRuleMeta): [name: string, template: string][] {
  return [["message", rule.message], ...Object.entries(rule.messages ?? {})];
}

/** The section of a page under `## title`, up to the next section. */
function section(page: string, title: string): string {
  const start = page.indexOf(`\n## ${title}\n`);
  if (start < 0) return "";
  const end = page.indexOf("\n## ", start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

function jsonBlocks(text: string): unknown[] {
  return [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!));
}

function page(id: string): string {
  return read(`docs/compat-rules/${id}.md`);
}

/** Every finding of the rule tables' invalid pairs, the template fixtures and the documented examples. */
function allFindings(): CompatFinding[] {
  const out: CompatFinding[] = [];
  for (const { invalid } of Object.values(TABLE))
    for (const [w, r, o] of invalid) out.push(...isSubset(w, r, o));
  for (const [, , w, r, o] of TEMPLATE_FIXTURES) out.push(...isSubset(w, r, o));
  for (const id of ids) {
    const [old, updated] = jsonBlocks(section(page(id), "Example"));
    out.push(...isSubset(old, updated));
  }
  return out;
}

describe("schema rules: files, docs, fixtures and templates", () => {
  it("registers exactly the files under src/compat/rules/, each named by its rule id", () => {
    const files = readdirSync(repo("src/compat/rules"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3))
      .sort();
    expect([...ids].sort()).toEqual(files);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has a page for every registered rule, listed in the index, and no page for anything else", () => {
    const pages = readdirSync(repo("docs/compat-rules"))
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .map((f) => f.slice(0, -3))
      .sort();
    expect(pages).toEqual([...ids].sort());
    const index = read("docs/compat-rules/README.md");
    for (const id of ids) expect(index, id).toContain(`[${id}](${id}.md)`);
    expect(read("docs/compat.md")).toContain("](compat-rules/README.md)");
  });

  it("has an invalid fixture in the rule tables that triggers each rule", () => {
    for (const rule of COMPAT_RULES) {
      const triggered = TABLE[rule.id].invalid.some(([w, r, o]) =>
        isSubset(w, r, o).some((f) => f.ruleId === rule.id),
      );
      expect(triggered, rule.id).toBe(true);
    }
  });

  describe.each(COMPAT_RULES.map((rule) => ({ id: rule.id, rule })))("$id's page", ({ id, rule }) => {
    const text = page(id);

    it("names the rule, each of its templates and the sections a reader looks for", () => {
      expect(text.startsWith(`# ${id}\n`)).toBe(true);
      for (const title of [
        "What it detects",
        "Why it breaks consumers",
        "Example",
        "Witness",
        "Fix or acknowledge",
      ])
        expect(section(text, title), title).not.toBe("");
      for (const [, template] of templates(rule)) expect(text).toContain(template);
    });

    it("shows an old → new pair the engine reports under this rule, with the message it shows", () => {
      const [old, updated] = jsonBlocks(section(text, "Example"));
      const findings = isSubset(old, updated).filter((f) => f.ruleId === id);
      expect(findings.length).toBeGreaterThan(0);
      const shown = /\n> (.+)\n/.exec(section(text, "Example"))?.[1];
      expect(findings.map((f) => f.message)).toContain(shown);
    });

    it("shows a witness that ajv accepts under the old schema and rejects under the new one", () => {
      const [old, updated] = jsonBlocks(section(text, "Example"));
      const [witness] = jsonBlocks(section(text, "Witness"));
      if (witness === undefined) {
        // Only rules about schemas the engine cannot read go without one.
        expect(["schema-invalid", "ref-unresolvable", "unprovable"]).toContain(id);
        return;
      }
      expect(validateSubschema(old, { schema: old, pointer: "" }, witness, true)).toBe(true);
      expect(validateSubschema(updated, { schema: updated, pointer: "" }, witness, true)).toBe(false);
    });
  });

  it("produces every finding's text from a template of its rule, and uses every template", () => {
    const findings = allFindings();
    const unused: string[] = [];
    for (const rule of COMPAT_RULES) {
      const mine = findings.filter((f) => f.ruleId === rule.id);
      const patterns = templates(rule).map(([name, t]) => [name, templatePattern(t)] as const);
      for (const f of mine)
        expect(
          patterns.some(([, p]) => p.test(f.message)),
          `${rule.id}: "${f.message}"`,
        ).toBe(true);
      for (const [name, p] of patterns)
        if (!mine.some((f) => p.test(f.message))) unused.push(`${rule.id} ${name}`);
    }
    expect(unused).toEqual([]);
  });

  it("writes each template's text in its rule file only", () => {
    const sources = (dir: string): string[] =>
      readdirSync(repo(dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : [],
      );
    const files = sources("src").map((path) => ({ path, text: read(path) }));
    for (const rule of COMPAT_RULES) {
      for (const [, template] of templates(rule)) {
        if (template.replace(/\{[a-zA-Z]+\}/g, "").length < 16) continue;
        // The template written out again, its placeholders as whatever code fills them in on one line.
        const parts = template
          .split(/\{[a-zA-Z]+\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        const copy = new RegExp(parts.join("[^\\n]{1,80}?"));
        const elsewhere = files.filter(
          (f) => f.path !== `src/compat/rules/${rule.id}.ts` && copy.test(f.text),
        );
        expect(
          elsewhere.map((f) => f.path),
          `${rule.id}: "${template}"`,
        ).toEqual([]);
      }
    }
  });
});

describe("message templates", () => {
  it("fill each placeholder with its value, and match what they produce", () => {
    const template = 'the reader requires {missing} whenever "{property}" is present';
    expect(placeholders(template)).toEqual(["missing", "property"]);
    const text = fillTemplate(template, { missing: "b, c", property: "a" });
    expect(text).toBe('the reader requires b, c whenever "a" is present');
    expect(templatePattern(template).test(text)).toBe(true);
    expect(templatePattern(template).test("the reader requires b")).toBe(false);
  });

  it("refuse a placeholder without a value as an internal error", () => {
    let thrown: unknown;
    try {
      fillTemplate("minLength rose from {from} to {to}", { from: 1 });
    } catch (e) {
      thrown = e;
    }
    expect(isEventlineError(thrown) && thrown.code).toBe("INTERNAL");
    expect(String((thrown as Error).message)).toContain("{to}");
  });
});
