import { createRequire } from "node:module";
import { EventlineRuntimeError } from "./errors.js";

/**
 * The modules ajv's standalone validators (and the ajv-formats formats in them) `require` at run
 * time. Generated code takes them from `eventline/runtime`, which resolves them from its own
 * dependencies: an app that installs only `eventline` has no `ajv` of its own to resolve.
 */
export const AJV_STANDALONE_MODULES: readonly string[] = [
  "ajv/dist/runtime/equal",
  "ajv/dist/runtime/ucs2length",
  "ajv/dist/runtime/uri",
  "ajv/dist/runtime/validation_error",
  "ajv-formats/dist/formats",
];

const load = createRequire(import.meta.url);

/**
 * The `require` that generated validators call: one of {@link AJV_STANDALONE_MODULES}, loaded from
 * Eventline's own ajv and ajv-formats. Any other id is refused, so generated code cannot load
 * arbitrary modules through the runtime.
 */
export function ajvStandaloneRequire(id: string): unknown {
  if (!AJV_STANDALONE_MODULES.includes(id)) {
    throw new EventlineRuntimeError(
      "VALIDATOR_MODULE_UNKNOWN",
      `generated validators asked for "${id}", which eventline/runtime does not provide; regenerate the code with this version of eventline`,
    );
  }
  return load(id);
}
