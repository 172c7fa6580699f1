// The one ajv setup everything checks instances with: the options the generated validators are
// compiled with (src/codegen/render-validators.ts) and the runtime runs, so a value this layer calls
// valid is a value a generated consumer accepts.
import { Ajv, type Options, type ValidateFunction } from "ajv";
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

/** The generated validators' options: all errors, formats asserted, unknown keywords ignored. */
const RUNTIME_OPTIONS: Options = {
  allErrors: true,
  strict: false,
  validateSchema: false,
  allowUnionTypes: true,
  addUsedSchema: false,
  logger: false,
};

const runtimeInstances = new Map<JsonSchemaDraft, Ajv>();
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 500;

/**
 * The validator the runtime would run for `schema` (compiled once per content). A root `$id` is
 * dropped so two documents' schemas never clash in the shared instance. Throws ajv's error when the
 * schema cannot be compiled.
 */
export function runtimeValidator(schema: unknown): ValidateFunction {
  if (typeof schema === "boolean") return createAjv("draft-07", RUNTIME_OPTIONS).compile(schema);
  const key = JSON.stringify(schema) ?? "undefined";
  let validate = compiled.get(key);
  if (validate) return validate;
  const draft = draftOf(schema);
  let ajv = runtimeInstances.get(draft);
  if (!ajv) {
    ajv = createAjv(draft, RUNTIME_OPTIONS);
    runtimeInstances.set(draft, ajv);
  }
  const copy = { ...(schema as Record<string, unknown>) };
  delete copy.$id;
  delete copy.$schema;
  validate = ajv.compile(copy);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

let roots = 0;

/**
 * The runtime validator of the subschema at `pointer` inside `root`, so that the subschema's local
 * `$ref`s resolve against the document it came from. Throws ajv's error when it cannot compile.
 */
export function runtimeValidatorAt(root: unknown, pointer: string): ValidateFunction {
  if (pointer === "") return runtimeValidator(root);
  const key = `${pointer}\u0000${JSON.stringify(root)}`;
  let validate = compiled.get(key);
  if (validate) return validate;
  const ajv = createAjv(draftOf(root), RUNTIME_OPTIONS);
  const copy = { ...(root as Record<string, unknown>) };
  delete copy.$id;
  delete copy.$schema;
  const id = `eventline-root-${roots++}`;
  ajv.addSchema(copy, id);
  validate = ajv.compile({ $ref: `${id}#${encodeURI(pointer)}` });
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}
