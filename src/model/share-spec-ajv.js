// @asyncapi/parser checks a document against the AsyncAPI specification's JSON Schema with Spectral's
// `schema` function, and that function keeps its Ajv instances per document. So the specification's
// schema — the same few hundred kilobytes every time — is compiled again for every document parsed:
// about 0.5 s each, most of a worker's time on a catalog of many small documents.
//
// `shareSpecAjv` makes the calls whose schema is the parser's copy of the specification's own schema
// use one Ajv instance per worker; user schemas keep their per-document instances (their `$id`s may
// clash between documents). Ajv compiles a schema with an `$id` once per instance,
// so the specification is compiled once per worker. Diagnostics are unchanged: same schema, same
// options, same error formatting (test/model/share-spec-ajv.test.ts compares them).
//
// This reaches into Spectral's module layout (`@stoplight/spectral-functions/dist/schema`, whose
// `default` export the package's `schema` getter reads on every call). When that layout is not what
// this expects, nothing is changed and the parser runs as it ships: slower, never different.
import { createRequire } from "node:module";

/** The `$id`s the parser gives its copies of the specification's schema (resolved and unresolved). */
const SPEC_ID = /^http:\/\/asyncapi\.com\/definitions\/[0-9.]+\/asyncapi-(?:resolved|unresolved)\.json$/;

/**
 * @returns {{ shared: boolean, reason?: string }} whether the specification's schema is now compiled
 *   once per process (worker), and if not, why.
 */
export function shareSpecAjv() {
  let schemaModule;
  let functions;
  try {
    // Resolve from the parser, so that this is the copy of Spectral the parser itself loads.
    const fromParser = createRequire(createRequire(import.meta.url).resolve("@asyncapi/parser"));
    schemaModule = fromParser("@stoplight/spectral-functions/dist/schema");
    functions = fromParser("@stoplight/spectral-functions");
  } catch (error) {
    return { shared: false, reason: `Spectral's schema function was not found (${error.message})` };
  }
  const original = schemaModule?.default;
  if (typeof original !== "function" || functions.schema !== original) {
    return { shared: false, reason: "Spectral's schema function is not where this version expects it" };
  }
  if (original.eventlineSharedSpecAjv) return { shared: true };

  // Any object works as the key of Spectral's per-document instance map; this one lives as long as
  // the worker.
  const sharedInventory = {};
  // The parser keeps one copy of the specification's schema per version and kind, so the same object
  // comes back document after document. Only that object is shared: a user's schema that happens to
  // carry the same `$id` is another object, and keeps the per-document instances (its content may
  // differ from one document to the next, and Ajv caches by `$id`).
  const specSchemas = new Map();
  const isSpecSchema = (schema) => {
    const id = schema?.$id;
    if (typeof id !== "string" || !SPEC_ID.test(id)) return false;
    if (!specSchemas.has(id)) specSchemas.set(id, schema);
    return specSchemas.get(id) === schema;
  };
  const shared = function schema(targetVal, opts, context, ...rest) {
    if (context && typeof context === "object" && isSpecSchema(opts?.schema)) {
      return original(targetVal, opts, { ...context, documentInventory: sharedInventory }, ...rest);
    }
    return original(targetVal, opts, context, ...rest);
  };
  // Keep what Spectral reads off its ruleset functions (option validator, schemas, name).
  for (const key of Reflect.ownKeys(original)) {
    if (key === "length" || key === "prototype") continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(original, key);
    if (descriptor) Reflect.defineProperty(shared, key, descriptor);
  }
  Reflect.defineProperty(shared, "eventlineSharedSpecAjv", { value: true });
  try {
    schemaModule.default = shared;
  } catch (error) {
    return { shared: false, reason: `Spectral's schema function cannot be replaced (${error.message})` };
  }
  if (functions.schema !== shared) {
    schemaModule.default = original;
    return { shared: false, reason: "Spectral's schema export does not follow its module's default" };
  }
  return { shared: true };
}
