// Property evidence for codegen: fast-check generates AsyncAPI documents with odd names and nested, recursive,
// composed payload schemas; the generated code compiles under strict tsc, and the generated (bundled,
// precompiled) validators agree with ajv compiling the document's own schemas, on generated valid
// instances and on mutations of them. Seeded: EVENTLINE_CODEGEN_PROPERTY_SEED / _RUNS reproduce a run.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSchemas } from "../../src/codegen/bundle.js";
import { serviceFolder } from "../../src/codegen/generate.js";
import { generateCatalog } from "../../src/codegen/generate-catalog.js";
import { planService } from "../../src/codegen/plan.js";
import { validatorName } from "../../src/codegen/render-validators.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { loadCatalog } from "../../src/model/load-catalog.js";
import { createFileReader } from "../../src/model/scan-refs.js";
import { schemaArbitrary } from "../../src/schema/candidates.js";
import { oneStepMutations } from "../../src/schema/near-miss.js";
import { asyncapiDocument, type GeneratedDocument } from "./support/asyncapi-arbitrary.js";
import {
  errorsUnder,
  runtimeImportFor,
  scratchProject,
  type TypecheckResult,
  typecheck,
  writeFiles,
} from "./support/typecheck.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv").default as typeof import("ajv").default;
const addFormats = require("ajv-formats").default as (ajv: unknown) => void;

const SEED = Number(process.env.EVENTLINE_CODEGEN_PROPERTY_SEED ?? 20_250_505);
const RUNS = Number(process.env.EVENTLINE_CODEGEN_PROPERTY_RUNS ?? 24);
const VALID_PER_MESSAGE = 25;

type Validate = (data: unknown) => boolean;

interface Case {
  index: number;
  generated: GeneratedDocument;
  folder: string;
  file: string;
  problem?: string;
  /** Message name → generated payload validator name. */
  validators: Map<string, string>;
  /** Message key → instances to compare on. */
  samples: Map<string, unknown[]>;
  reference?: (key: string) => Validate;
}

const cases: Case[] = [];
let project = "";
let check: TypecheckResult | undefined;
const disagreements: string[] = [];
let compared = 0;
let acceptedByAjv = 0;
/** Valid instances written as typed constants (tsc checks the generated types accept them). */
let typedInstances = 0;

async function prepare(c: Case, out: string): Promise<void> {
  const dir = join(project, "docs", c.folder);
  mkdirSync(dir, { recursive: true });
  c.file = join(dir, "service.json");
  writeFileSync(c.file, `${JSON.stringify(c.generated.doc, null, 2)}\n`);
  const { catalog } = await loadCatalog({
    root: dir,
    paths: [c.file],
    configFile: false,
    config: { cache: { enabled: false } },
  });
  const errors = catalog.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    c.problem = `the loader rejects the generated document: ${errors.map((e) => `${e.line}: ${e.message}`).join("; ")}`;
    return;
  }
  try {
    const target = join(out, c.folder);
    writeFiles(
      target,
      await generateCatalog(catalog, { template: false, runtimeImport: runtimeImportFor(target) }),
    );
    // The validator each message's payload got (the bundle's names, as generateService computes them).
    const service = catalog.services[0]!;
    const plan = planService(catalog, service);
    const read = createFileReader(catalog.root, DEFAULT_LIMITS);
    const bundle = bundleSchemas(plan.roots, (path) => read(path).file?.value);
    const typeNames = new Map<string, string>();
    for (const m of [...plan.sends, ...plan.consumers.flatMap((g) => g.messages)]) {
      if (!m.payloadRoot) continue;
      c.validators.set(m.messageName, validatorName(bundle.rootNames.get(m.payloadRoot)!));
      typeNames.set(m.messageName, bundle.rootNames.get(m.payloadRoot)!);
    }
    // Instances ajv accepts must also be accepted by the generated types: one module of typed
    // constants per document, type-checked with the rest.
    c.reference = referenceAjv(c.generated.doc);
    const lines: string[] = [];
    const used = new Set<string>();
    c.generated.messages.forEach((m, i) => {
      const instances = sampleInstances(c, i);
      c.samples.set(m.key, instances);
      const type = typeNames.get(m.name);
      if (!type) return;
      const valid = instances.filter((v) => c.reference!(m.key)(v)).slice(0, 4);
      valid.forEach((v, k) => {
        used.add(type);
        typedInstances++;
        lines.push(`export const m${i}v${k}: ${type} = ${JSON.stringify(v)};`);
      });
    });
    if (lines.length > 0) {
      writeFileSync(
        join(target, serviceFolder(service.id), "valid-instances.ts"),
        `import type { ${[...used].sort().join(", ")} } from "./types.js";\n${lines.join("\n")}\n`,
      );
    }
  } catch (error) {
    c.problem = `generation failed: ${(error as Error).message}`;
  }
}

/** The generated validators.ts as an ES module in the scratch project (ajv's runtime resolves there). */
async function importValidators(c: Case, service: string): Promise<Record<string, Validate>> {
  const source = readFileSync(join(project, "out", c.folder, service, "validators.ts"), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const path = join(project, "out", c.folder, service, "validators.mjs");
  writeFileSync(path, js);
  return (await import(pathToFileURL(path).href)) as Record<string, Validate>;
}

/** ajv on the document's own schemas (as written, `$ref`s to components): the reference verdict. */
function referenceAjv(doc: Record<string, unknown>): (key: string) => Validate {
  const reference = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(reference);
  reference.addSchema(doc, "https://eventline.test/doc.json");
  return (key) => reference.getSchema(`https://eventline.test/doc.json#/components/messages/${key}/payload`)!;
}

/** Instances meant to be valid (schema-driven), then mutations of the first few. */
function sampleInstances(c: Case, i: number): unknown[] {
  const m = c.generated.messages[i]!;
  const schema = (c.generated.doc.components as { messages: Record<string, { payload: unknown }> }).messages[
    m.key
  ]!.payload;
  const valid = fc.sample(schemaArbitrary(schema, c.generated.doc), {
    numRuns: VALID_PER_MESSAGE,
    seed: SEED + c.index * 101 + i,
  });
  return [...valid, ...valid.slice(0, 6).flatMap((v) => oneStepMutations(v).map((m) => m.value))];
}

function compare(c: Case, generatedValidators: Record<string, Validate>): void {
  c.generated.messages.forEach((m) => {
    const name = c.validators.get(m.name);
    const ours = name ? generatedValidators[name] : undefined;
    if (!ours) {
      disagreements.push(`doc ${c.index} message ${JSON.stringify(m.name)}: no generated validator ${name}`);
      return;
    }
    const theirs = c.reference!(m.key);
    const instances = c.samples.get(m.key) ?? [];
    for (const instance of instances) {
      compared++;
      const expected = theirs(instance) as boolean;
      if (expected) acceptedByAjv++;
      const actual = ours(instance);
      if (actual !== expected && disagreements.length < 20) {
        disagreements.push(
          `doc ${c.index} (${c.file}) message ${JSON.stringify(m.name)}: ajv says ${expected}, generated ${name} says ${actual} for ${JSON.stringify(instance)}`,
        );
      }
    }
  });
}

describe(`generated code over fast-check AsyncAPI documents (seed ${SEED}, ${RUNS} documents)`, () => {
  beforeAll(async () => {
    console.log(
      `codegen property test: seed ${SEED}, ${RUNS} documents (EVENTLINE_CODEGEN_PROPERTY_SEED / EVENTLINE_CODEGEN_PROPERTY_RUNS)`,
    );
    project = scratchProject("eventline-codegen-property-");
    const out = join(project, "out");
    const docs = fc.sample(asyncapiDocument, { numRuns: RUNS, seed: SEED });
    for (const [index, generated] of docs.entries()) {
      const c: Case = {
        index,
        generated,
        folder: `p${index}`,
        file: "",
        validators: new Map(),
        samples: new Map(),
      };
      cases.push(c);
      await prepare(c, out);
    }
    check = await typecheck(project);
    for (const c of cases) {
      if (c.problem) continue;
      const errors = errorsUnder(check, `out/${c.folder}`);
      if (errors.length > 0) {
        c.problem = `tsc: ${errors.slice(0, 3).join(" | ")}`;
      }
    }
    for (const c of cases) {
      if (c.problem) continue;
      const folders = readdirSync(join(project, "out", c.folder));
      compare(c, await importValidators(c, folders[0]!));
    }
    console.log(
      `codegen property test: ${cases.filter((c) => !c.problem).length}/${cases.length} documents generated and compiled (with ${typedInstances} valid instances typed as their payload type); ${compared} instances compared (${acceptedByAjv} valid per ajv), ${disagreements.length} disagreements`,
    );
  }, 600_000);

  afterAll(() => {
    // Kept when something failed, so the documents and generated code can be read.
    const failed = cases.some((c) => c.problem) || disagreements.length > 0;
    if (failed) console.log(`codegen property test: scratch project kept at ${project}`);
    else if (project) rmSync(project, { recursive: true, force: true });
  });

  it("type-checks without tsc crashing", () => {
    expect(check?.crash).toBeUndefined();
  });

  it("loads, generates and compiles every generated document, and the types accept valid instances", () => {
    expect(typedInstances).toBeGreaterThan(0);
    expect(cases.filter((c) => c.problem).map((c) => `doc ${c.index} (${c.file}): ${c.problem}`)).toEqual([]);
  });

  it("generated validators agree with ajv on valid and mutated instances", () => {
    expect(disagreements).toEqual([]);
    // Not vacuous: both verdicts occur.
    expect(acceptedByAjv).toBeGreaterThan(0);
    expect(compared - acceptedByAjv).toBeGreaterThan(0);
  });
});
