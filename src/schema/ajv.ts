import { Ajv, type Options } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

export type JsonSchemaDraft = "draft-07" | "2020-12";

/** The draft a schema declares with `$schema`; AsyncAPI Schema Objects are draft-07 based. */
export function draftOf(schema: unknown): JsonSchemaDraft {
  const declared =
    schema !== null && typeof schema === "object" ? (schema as { $schema?: unknown }).$schema : undefined;
  return typeof declared === "string" && /2020-12|2019-09/.test(declared) ? "2020-12" : "draft-07";
}

/** An ajv instance with formats for the given draft. Lenient about unknown keywords (AsyncAPI adds some). */
export function createAjv(draft: JsonSchemaDraft, options: Options = {}): Ajv {
  const base: Options = { strict: false, allErrors: true, validateFormats: true, ...options };
  const ajv = draft === "2020-12" ? new Ajv2020(base) : new Ajv(base);
  addFormats(ajv);
  return ajv;
}
