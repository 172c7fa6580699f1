import { createHash } from "node:crypto";
import type { Ajv, ValidateFunction } from "ajv";
import { createAjv, draftOf, type JsonSchemaDraft } from "../schema/ajv.js";
import { isObject } from "./schema-walk.js";

// A fresh ajv instance compiles the JSON Schema meta-schemas and the formats again: for the engine's
// many small schemas that was most of the checking time. Instances are shared per draft and format
// setting, and replaced after a while so compiled schemas do not accumulate without bound. Unknown
// formats are ignored silently: a library that prints would corrupt the CLI's JSON output.
const MAX_USES = 2000;
const pool = new Map<string, { ajv: Ajv; uses: number }>();
let keys = 0;

/**
 * ajv as the generated validators run it (src/codegen/render-validators.ts): allErrors, since ajv's
 * verdicts differ without it in places (`{prefixItems: [{required: ["a"]}], contains: {}}` accepts
 * `[]`), and no meta-schema check while compiling (the CLI checks schemas once, in schema-check.ts).
 */
const RUNTIME_OPTIONS = (validateFormats: boolean) => ({
  validateFormats,
  allErrors: true,
  validateSchema: false,
  addUsedSchema: false,
  logger: false as const,
});

/** The shared ajv instance of a draft and format setting (for meta-schema checks; compile with compileCached). */
export function instance(draft: JsonSchemaDraft, validateFormats: boolean): Ajv {
  const id = `${draft}|${validateFormats}`;
  let entry = pool.get(id);
  if (!entry || entry.uses >= MAX_USES) {
    entry = {
      ajv: createAjv(draft, RUNTIME_OPTIONS(validateFormats)),
      uses: 0,
    };
    pool.set(id, entry);
  }
  entry.uses++;
  return entry.ajv;
}

/**
 * Compiles `schema` (its root `$id`/`$schema` already removed) and, when given, the subschema at
 * `pointer` of it. A shared instance may refuse what a fresh one accepts (two schemas declaring the
 * same nested `$id`), so a refusal is retried once on a fresh instance before it counts.
 */
function compileShared(
  draft: JsonSchemaDraft,
  validateFormats: boolean,
  schema: Record<string, unknown>,
  pointer?: string,
): ValidateFunction {
  const build = (ajv: Ajv): ValidateFunction => {
    if (pointer === undefined) return ajv.compile(schema);
    const key = `eventline-root-${keys++}`;
    ajv.addSchema(schema, key);
    try {
      return ajv.compile({ $ref: `${key}#${encodeURI(pointer)}` });
    } finally {
      ajv.removeSchema(key);
    }
  };
  try {
    return build(instance(draft, validateFormats));
  } catch {
    return build(createAjv(draft, RUNTIME_OPTIONS(validateFormats)));
  }
}

/**
 * A short key for a schema's content, for caches of compiled validators: equal schemas (from another
 * load, or both sides of a pair) share one. Non-finite numbers (YAML `.inf`, `.nan`), which JSON
 * would write as null, keep their own spelling.
 */
export function schemaKey(schema: unknown): string {
  const text = JSON.stringify(schema, (_key, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? { "\u0000number": String(v) } : v,
  );
  return createHash("sha256")
    .update(text ?? "undefined")
    .digest("base64");
}

/**
 * Validators by schema content: a catalog repeats schemas (one shared definition resolved into many
 * messages, the same payload on both sides of a pair), and compiling is most of the engine's ajv
 * cost. Bounded, oldest first out; a refusal is remembered too.
 */
const compiled = new Map<string, ValidateFunction | Error>();
const MAX_COMPILED = 2000;

/**
 * The validator of `schema` for its draft — of its subschema at `pointer` when given, so that local
 * `$ref`s resolve — compiled once per content. Throws when ajv refuses it. `contentKey` is
 * `schemaKey(schema)`, for callers that already hold it.
 */
export function compileCached(
  schema: Record<string, unknown>,
  validateFormats: boolean,
  pointer?: string,
  contentKey: string = schemaKey(schema),
): ValidateFunction {
  const key = `${validateFormats}\u0000${pointer ?? "-"}\u0000${contentKey}`;
  let entry = compiled.get(key);
  if (entry === undefined) {
    // A root `$id` would register globally and clash; `$schema` chose the ajv class (draftOf).
    const copy: Record<string, unknown> = { ...schema };
    delete copy.$id;
    delete copy.id;
    delete copy.$schema;
    try {
      entry = compileShared(draftOf(schema), validateFormats, copy, pointer);
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

/**
 * Rewrites what ajv refuses to compile into what it means (a copy; JSON in, JSON out): draft-04
 * boolean exclusive bounds become the numeric form, and an empty `enum` (no value allowed) `not: {}`.
 */
export function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = forAjv(v);
  if (Array.isArray(out.enum) && out.enum.length === 0) {
    delete out.enum;
    out.not = out.not === undefined ? {} : { anyOf: [{}, out.not] };
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  return out;
}
