/** Shared vocabulary of the compatibility engine. */

export type CompatProfile = "semantic" | "confluent";

export interface CompatOptions {
  /**
   * `semantic` (default): JSON Schema validation semantics, as ajv validates at runtime.
   * `confluent`: predict Confluent Schema Registry's JSON Schema checker, quirks included.
   */
  profile?: CompatProfile;
  /**
   * LENIENT: writers emit only the properties they declare, so an open content model on the
   * writer's side does not put arbitrary keys on the wire. The most common complaint about
   * open models; off by default because nothing in the schema enforces it.
   */
  writersEmitDeclaredOnly?: boolean;
  /**
   * `assert` (default in `semantic`): `format` constrains values, because Eventline's ajv validates
   * formats at runtime. `ignore` (default in `confluent`): `format` is an annotation.
   */
  format?: "assert" | "ignore";
  /** Nesting limit of the comparison; deeper pairs are reported as unprovable. */
  maxDepth?: number;
}

export interface ResolvedCompatOptions {
  profile: CompatProfile;
  writersEmitDeclaredOnly: boolean;
  format: "assert" | "ignore";
  maxDepth: number;
}

export function resolveOptions(options: CompatOptions = {}): ResolvedCompatOptions {
  const profile = options.profile ?? "semantic";
  return {
    profile,
    writersEmitDeclaredOnly: options.writersEmitDeclaredOnly ?? false,
    format: options.format ?? (profile === "confluent" ? "ignore" : "assert"),
    maxDepth: options.maxDepth ?? 64,
  };
}

/** One reason why a value valid under the writer's schema may be invalid under the reader's. */
export interface CompatFinding {
  /** Stable kebab-case id; also the file name under src/compat/rules/. */
  ruleId: string;
  /** Which schema `pointer` points into. */
  schema: "reader" | "writer";
  /** RFC 6901 pointer into the schema named by `schema`. */
  pointer: string;
  message: string;
  /** The writer-side subschema of the compared pair. */
  writerPointer?: string;
  /** The reader-side subschema of the compared pair. */
  readerPointer?: string;
  /** Where in a message the problem shows (`*` stands for any array index or property name). */
  instancePath?: string;
}

export type JsonType = "array" | "boolean" | "integer" | "null" | "number" | "object" | "string";

/** Every value has exactly one of these (integer values are numbers). */
export const VALUE_TYPES: readonly JsonType[] = ["array", "boolean", "null", "number", "object", "string"];
