import { createHash } from "node:crypto";
import type { Ajv, ValidateFunction } from "ajv";
import { createAjv, type JsonSchemaDraft } from "../model/ajv.js";

// A fresh ajv instance compiles the JSON Schema meta-schemas and the formats again: for the engine's
// many small schemas that was most of the checking time. Instances are shared per draft and format
// setting, and replaced after a while so compiled schemas do not accumulate without bound.
const MAX_USES = 2000;
const pool = new Map<string, { ajv: Ajv; uses: number }>();
let keys = 0;

function instance(draft: JsonSchemaDraft, validateFormats: boolean): Ajv {
  const id = `${draft}|${validateFormats}`;
  let entry = pool.get(id);
  if (!entry || entry.uses >= MAX_USES) {
    entry = {
      ajv: createAjv(draft, { validateFormats, allErrors: false, addUsedSchema: false }),
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
export function compileShared(
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
    return build(createAjv(draft, { validateFormats, allErrors: false, addUsedSchema: false }));
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
