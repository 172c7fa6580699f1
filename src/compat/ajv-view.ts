import type { JsonSchemaDraft } from "../schema/ajv.js";
import type { SchemaObject } from "./schema-walk.js";

/** Keywords ajv's draft-07 class does not know (strict: false ignores them): 2019-09/2020-12 only. */
const NOT_IN_DRAFT_07 = [
  "prefixItems",
  "unevaluatedItems",
  "unevaluatedProperties",
  "dependentRequired",
  "dependentSchemas",
  "minContains",
  "maxContains",
];
/** Keywords ajv's 2020-12 class does not know. */
const NOT_IN_2020_12 = ["additionalItems"];

/**
 * One schema object as ajv evaluates it at runtime, for the semantic profile: keywords its draft
 * does not have are dropped (ajv ignores them, so a writer that uses them is not narrowed by them),
 * an `if` without `then`/`else` and a `then`/`else` without `if` are dropped (ajv ignores them, and
 * such an `if` evaluates nothing for `unevaluated*`), `minContains`/`maxContains` without
 * `contains` too, and OpenAPI's `nullable: true`, which ajv supports, adds `null` to `type`.
 * Returns `s` itself when nothing changes.
 */
export function ajvView(s: SchemaObject, draft: JsonSchemaDraft): SchemaObject {
  const drop = new Set(draft === "draft-07" ? NOT_IN_DRAFT_07 : NOT_IN_2020_12);
  if ("if" in s && !("then" in s) && !("else" in s)) drop.add("if");
  if (!("if" in s)) {
    drop.add("then");
    drop.add("else");
  }
  if (!("contains" in s)) {
    drop.add("minContains");
    drop.add("maxContains");
  }
  const nullable = s.nullable === true && s.type !== undefined;
  if ("nullable" in s) drop.add("nullable");
  if (!nullable && !Object.keys(s).some((k) => drop.has(k))) return s;
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) if (!drop.has(k)) out[k] = v;
  if (nullable) {
    const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : [];
    out.type = types.includes("null") ? types : [...types, "null"];
  }
  return out;
}
