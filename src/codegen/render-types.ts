import { compile } from "json-schema-to-typescript";
import { EventlineError } from "../errors.js";
import type { SchemaBundle } from "./bundle.js";

/** One alias per message whose preferred type name differs from the (shared) definition it uses. */
export interface TypeAlias {
  name: string;
  target: string;
}

const ROOT = "EventlineSchemaBundle";

const DATA = new Set(["enum", "const", "default", "examples", "example"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "dependentSchemas", "dependencies", "$defs"]);
const COMPOSITION = new Set(["allOf", "anyOf", "oneOf", "not", "if", "enum", "const"]);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The schemas as json-schema-to-typescript should type them. `additionalProperties: <schema>` beside
 * declared properties becomes an index signature every declared property must fit (TS2411 when one
 * does not: `{ id: string; [k: string]: number }`); JSON Schema applies it to the other keys only, so
 * unless every declared property surely fits it, it is loosened to `true` for typing
 * (`[k: string]: unknown`). Validators keep the exact schema.
 */
function typingView(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typingView);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (DATA.has(k) || k.startsWith("x-")) out[k] = v;
    else if (SCHEMA_MAPS.has(k) && isRecord(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, typingView(s)]));
    else out[k] = typingView(v);
  }
  const additional = out.additionalProperties;
  if (isRecord(out.properties) && isRecord(additional)) {
    if (!Object.values(out.properties).every((p) => fitsIndex(p, additional)))
      out.additionalProperties = true;
  }
  return out;
}

const JS_TYPE: Record<string, string> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
};

/** Whether a declared property's type surely fits the index signature `additional` produces. */
function fitsIndex(property: unknown, additional: Record<string, unknown>): boolean {
  const type = typeof additional.type === "string" ? additional.type : undefined;
  const js = type === undefined ? undefined : JS_TYPE[type];
  if (!js || !isRecord(property) || Object.keys(additional).some((k) => COMPOSITION.has(k))) return false;
  const fits = (value: unknown) => typeof value === js;
  if ("const" in property) return fits(property.const);
  if (Array.isArray(property.enum)) return property.enum.every(fits);
  if (Object.keys(property).some((k) => COMPOSITION.has(k) || k === "$ref")) return false;
  return property.type === type || (type === "number" && property.type === "integer");
}

/**
 * Every definition of the bundle as an exported TypeScript type, through json-schema-to-typescript:
 * declared once, named by the bundle, documented from `description`. The bundle's refs are local, so
 * nothing here reads a file.
 */
export async function renderTypes(bundle: SchemaBundle, aliases: readonly TypeAlias[]): Promise<string> {
  let code: string;
  const defs = Object.fromEntries(Object.entries(bundle.defs).map(([name, s]) => [name, typingView(s)]));
  try {
    code = await compile({ title: ROOT, $defs: defs } as never, ROOT, {
      bannerComment: "",
      unreachableDefinitions: true,
      additionalProperties: true,
      strictIndexSignatures: true,
      format: true,
      declareExternallyReferenced: true,
      $refOptions: { resolve: { file: false, http: false } } as never,
    });
  } catch (error) {
    throw new EventlineError(
      "INPUT_INVALID",
      `json-schema-to-typescript could not type the schemas: ${(error as Error).message}`,
    );
  }
  const body = code
    .replace(new RegExp(`^export interface ${ROOT} \\{\\n[^}]*\\}\\n`, "m"), "")
    // The tool notes where each definition came from; the bundle is internal, so the note is noise.
    .replace(
      new RegExp(
        `\\n?\\s*\\*\\s*This (interface|type) was referenced by \`${ROOT}\`'s JSON-Schema\\n\\s*\\*\\s*via the \`definition\` "[^"]*"\\.`,
        "g",
      ),
      "",
    )
    .replace(/\/\*\*\s*\*\/\n/g, "")
    .replace(/\/\*\*\n \*\n/g, "/**\n")
    .replace(/\n \*\n \*\//g, "\n */");
  // json-schema-to-typescript names a type it cannot match to a definition with a counter (`Money1`);
  // that would be an unstable public name, so it is a bug to fix here, not output to ship.
  const expected = new Set(Object.keys(bundle.defs));
  const invented = [...body.matchAll(/^export (?:interface|type|enum) ([A-Za-z0-9_$]+)/gm)]
    .map((m) => m[1]!)
    .filter((name) => !expected.has(name));
  if (invented.length > 0) {
    throw new EventlineError(
      "INTERNAL",
      `json-schema-to-typescript declared types the bundle did not name: ${invented.join(", ")}`,
    );
  }
  // It also drops a definition it reduces to "anything" (`allOf: [{}, …]`, `anyOf: [{}, …]`): the
  // definition still exists for the client and the validators, so it is declared as what it means.
  const declared = new Set(
    [...body.matchAll(/^export (?:interface|type|enum) ([A-Za-z0-9_$]+)/gm)].map((m) => m[1]!),
  );
  const dropped = Object.keys(bundle.defs)
    .filter((name) => !declared.has(name))
    .map((name) => `export type ${name} = unknown;`);
  const aliasLines = aliases.map((a) => `export type ${a.name} = ${a.target};`);
  const extra = [...dropped, ...aliasLines];
  return `${body.trim()}\n${extra.length > 0 ? `\n${extra.join("\n")}\n` : ""}`;
}
