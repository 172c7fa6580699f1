import { createRequire } from "node:module";
import type { AnySchema } from "ajv";
import { EventlineError } from "../errors.js";
import type { SchemaBundle } from "./bundle.js";

const require = createRequire(import.meta.url);
// CommonJS modules with `default` exports; required so their types stay simple under NodeNext.
const Ajv = require("ajv").default as typeof import("ajv").default;
const Ajv2020 = require("ajv/dist/2020.js").default as typeof import("ajv").default;
const addFormats = require("ajv-formats").default as (ajv: unknown) => void;
const standaloneCode = require("ajv/dist/standalone/index.js").default as (
  ajv: unknown,
  refs: Record<string, string>,
) => string;

const BUNDLE_ID = "urn:eventline:generated";

/** `validate<Name>` for a definition name. */
export const validatorName = (typeName: string) => `validate${typeName}`;

/**
 * The modules ajv's standalone code `require`s. The runtime hands out a fixed set of them
 * (`AJV_STANDALONE_MODULES`); which ones ajv asks for depends on the compile options above, not on
 * the user's schemas, so the codegen tests check the set once against a schema that needs them all.
 */
export function standaloneRequires(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))];
}

/**
 * Precompiled validators (ajv standalone, ESM) for the named definitions: no schema compilation and
 * no `new Function` at run time. ajv's helpers and ajv-formats' formats, which the code requires at
 * run time, come through the runtime (`runtimeImport`), so the app needs no ajv of its own.
 */
export function renderValidators(
  bundle: SchemaBundle,
  names: readonly string[],
  runtimeImport: string,
): string {
  const AjvClass = bundle.draft2020 ? Ajv2020 : Ajv;
  const ajv = new AjvClass({
    code: { source: true, esm: true, lines: true },
    allErrors: true,
    strict: false,
    validateSchema: false,
    // Our own `x-…` annotations and AsyncAPI keywords (discriminator, externalDocs) are not validated.
    allowUnionTypes: true,
  });
  addFormats(ajv);
  const refs: Record<string, string> = {};
  for (const name of [...new Set(names)].sort()) refs[validatorName(name)] = `${BUNDLE_ID}#/$defs/${name}`;
  let code: string;
  try {
    ajv.addSchema({ $id: BUNDLE_ID, $defs: bundle.defs } as AnySchema);
    code = standaloneCode(ajv, refs);
  } catch (error) {
    throw new EventlineError(
      "INPUT_INVALID",
      `ajv could not compile the schemas: ${(error as Error).message}`,
    );
  }
  const required = standaloneRequires(code);
  // Standalone ESM still `require`s ajv's run-time helpers and ajv-formats: that `require` is the runtime's.
  return [
    "// @ts-nocheck -- precompiled by ajv (standalone); not meant to be read or edited.",
    ...(required.length > 0
      ? [`import { ajvStandaloneRequire as require } from ${JSON.stringify(runtimeImport)};`]
      : []),
    code.replace(/^"use strict";/, ""),
    "",
  ].join("\n");
}
