import type { Ajv, ValidateFunction } from "ajv";
import type { SchemaRef } from "../model/types.js";
import { toAcyclicSchema } from "../schema/acyclic-schema.js";
import { createAjv, draftOf, type JsonSchemaDraft } from "../schema/ajv.js";
import { describeValue, isRecord } from "./lookup.js";

/** A message schema compiled to check examples with, why it could not be, or that it is not JSON Schema. */
export type ExampleValidator = { validate: ValidateFunction } | { error: string } | { skip: true };

/**
 * Only JSON Schema and AsyncAPI Schema Objects are checked: an Avro or Protobuf example is written
 * in that format's own JSON encoding, which a JSON Schema would misjudge.
 */
export function isJsonSchemaFormat(format: string | undefined): boolean {
  if (format === undefined) return true;
  const f = String(format).trim().toLowerCase();
  return (
    f === "" ||
    f.startsWith("application/vnd.aai.asyncapi") ||
    f.startsWith("application/schema+json") ||
    f.startsWith("application/schema+yaml")
  );
}

// Keyed by the message's SchemaRef: one compile per message schema, released with the catalog. The
// model is immutable once loaded, so a cached validator never goes stale.
const cache = new WeakMap<SchemaRef, ExampleValidator>();
// Many messages share one schema (an envelope's headers): keyed by content too, bounded.
const byContent = new Map<string, ExampleValidator>();
const MAX_BY_CONTENT = 500;
const instances = new Map<JsonSchemaDraft, Ajv>();

function ajvFor(draft: JsonSchemaDraft): Ajv {
  let ajv = instances.get(draft);
  if (!ajv) {
    // Unknown formats are ignored rather than logged: printing from a library would corrupt JSON output.
    // Each validator checks a few examples once: ajv's code optimisation costs more than it saves.
    ajv = createAjv(draft, { logger: false, code: { optimize: false } });
    instances.set(draft, ajv);
  }
  return ajv;
}

/**
 * The validator examples of `ref` are checked with: the lint rule and the catalog's example badges
 * share it, so a schema is compiled once per load however many readers it has.
 */
export function exampleValidator(ref: SchemaRef): ExampleValidator {
  const cached = cache.get(ref);
  if (cached) return cached;
  let result: ExampleValidator;
  if (!isJsonSchemaFormat(ref.schemaFormat) || ref.resolved === undefined) {
    result = { skip: true };
  } else {
    try {
      const schema = toAcyclicSchema(ref.resolved);
      if (typeof schema === "boolean") {
        result = { validate: ajvFor("draft-07").compile(schema) };
      } else if (!isRecord(schema)) {
        result = { error: `it is ${describeValue(schema)}, not a schema` };
      } else {
        result = compileRecord(schema);
      }
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  cache.set(ref, result);
  return result;
}

function compileRecord(schema: Record<string, unknown>): ExampleValidator {
  const key = JSON.stringify(schema);
  const known = byContent.get(key);
  if (known) return known;
  const ajv = ajvFor(draftOf(schema));
  if (typeof schema.$schema === "string" && !knowsMetaSchema(ajv, schema.$schema)) {
    // A meta-schema ajv does not ship (draft-04, 2019-09 under the 2020 instance) would fail the
    // compile for the wrong reason; the keywords are close enough to check the examples.
    delete schema.$schema;
  }
  const validate = ajv.compile(schema);
  // The instance is shared by every message: forget the schema so a long-lived process does not grow.
  ajv.removeSchema(schema);
  if (byContent.size >= MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value as string);
  byContent.set(key, { validate });
  return { validate };
}

function knowsMetaSchema(ajv: Ajv, uri: string): boolean {
  try {
    return ajv.getSchema(uri) !== undefined;
  } catch {
    return false;
  }
}
