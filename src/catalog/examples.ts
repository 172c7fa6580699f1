import type { Ajv, ValidateFunction } from "ajv";
import { exampleValidator } from "../lint/example-validator.js";
import type { Message, SchemaRef } from "../model/types.js";
import { SchemaTooLargeError, toAcyclicSchema } from "../schema/acyclic-schema.js";
import { createAjv, draftOf, type JsonSchemaDraft } from "../schema/ajv.js";
import type { CatalogExample, CatalogSchema } from "./types.js";

/** The schema as the site shows and downloads it: `$ref`s followed, recursion as a local `$ref`. */
export function catalogSchema(ref: SchemaRef): CatalogSchema {
  const base = {
    file: ref.definition.file,
    pointer: ref.definition.pointer,
    line: ref.definition.line,
    ...(ref.schemaFormat !== undefined ? { schemaFormat: ref.schemaFormat } : {}),
  };
  try {
    return { schema: toAcyclicSchema(ref.resolved), ...base };
  } catch (error) {
    if (!(error instanceof SchemaTooLargeError)) throw error;
    return { schema: null, error: error.message, ...base };
  }
}

// ajv's logger would print a line per unknown format on the CLI's output; lint reports those.
function compile(
  ref: SchemaRef | undefined,
  schema: CatalogSchema | undefined,
  instances: Map<JsonSchemaDraft, Ajv>,
): ValidateFunction | string | undefined {
  if (schema === undefined) return undefined;
  if (schema.schema === null) return schema.error ?? "the schema could not be expanded";
  // The lint rule has compiled this schema already (validate runs before the catalog is built).
  const shared = ref ? exampleValidator(ref) : { skip: true as const };
  if ("validate" in shared) return shared.validate;
  if ("error" in shared) return `ajv cannot compile the schema: ${shared.error}`;
  // Not JSON Schema for the lint rule (Avro...): checked against the schema the site shows.
  try {
    // One ajv per draft for the whole catalog: creating an instance (and its formats) costs more than
    // compiling a typical payload schema. The schemas carry no $id, so they cannot collide in it.
    const draft = draftOf(schema.schema);
    let ajv = instances.get(draft);
    if (!ajv) {
      ajv = createAjv(draft, { logger: false });
      instances.set(draft, ajv);
    }
    return ajv.compile(schema.schema as object);
  } catch (error) {
    return `ajv cannot compile the schema: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function check(part: string, validate: ValidateFunction | string | undefined, value: unknown): string[] {
  if (validate === undefined || value === undefined) return [];
  if (typeof validate === "string") return [`${part}: ${validate}`];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) =>
    `${part}${e.instancePath || ""} ${e.message ?? "is invalid"}`.trim(),
  );
}

/**
 * Each example of the message validated against its payload and headers schemas, as a runtime
 * validator would (ajv, formats on, every error). An invalid example stays in the list, marked.
 */
export function checkExamples(
  message: Message,
  payload: CatalogSchema | undefined,
  headers: CatalogSchema | undefined,
  instances: Map<JsonSchemaDraft, Ajv> = new Map(),
): CatalogExample[] {
  if (message.examples.length === 0) return [];
  // A part no example shows is not compiled.
  const shows = (part: "payload" | "headers") => message.examples.some((e) => e[part] !== undefined);
  const validatePayload = shows("payload") ? compile(message.payload, payload, instances) : undefined;
  const validateHeaders = shows("headers") ? compile(message.headers, headers, instances) : undefined;
  return message.examples.map((example) => {
    const errors = [
      ...check("payload", validatePayload, example.payload),
      ...check("headers", validateHeaders, example.headers),
    ];
    return {
      ...(example.name !== undefined ? { name: example.name } : {}),
      ...(example.summary !== undefined ? { summary: example.summary } : {}),
      ...(example.payload !== undefined ? { payload: example.payload } : {}),
      ...(example.headers !== undefined ? { headers: example.headers } : {}),
      valid: errors.length === 0,
      errors,
      file: example.source.file,
      line: example.source.line,
    };
  });
}
