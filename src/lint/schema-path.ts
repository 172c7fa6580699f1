import { escapeSegment, parsePointer } from "../schema/pointer.js";
import { isRecord } from "./lookup.js";

/**
 * One level of an object schema: what it declares and requires. `allOf` members are merged one level
 * deep because that is how documents compose an envelope with a body (`allOf: [base, {...}]`);
 * deeper nesting or `oneOf`/`anyOf` cannot guarantee a property, so it is not looked at.
 */
export interface SchemaLevel {
  /** Property name → every subschema that declares it (the root and `allOf` members may each do so). */
  properties: Map<string, unknown[]>;
  /** Names required by the root or any `allOf` member: `allOf` is a conjunction, so each one counts. */
  required: Set<string>;
}

export function schemaLevel(schemas: readonly unknown[]): SchemaLevel {
  const level: SchemaLevel = { properties: new Map(), required: new Set() };
  for (const schema of schemas) {
    if (!isRecord(schema)) continue;
    const parts = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.filter(isRecord) : [])];
    for (const part of parts) {
      if (isRecord(part.properties)) {
        for (const [name, sub] of Object.entries(part.properties)) {
          const seen = level.properties.get(name);
          if (seen) seen.push(sub);
          else level.properties.set(name, [sub]);
        }
      }
      if (Array.isArray(part.required)) {
        for (const name of part.required) if (typeof name === "string") level.required.add(name);
      }
    }
  }
  return level;
}

export type PathFailure =
  | { kind: "not-a-string" }
  | { kind: "not-a-pointer" }
  | { kind: "whole-document" }
  /** Segment `index` is not declared in the subschema at `parent`. */
  | { kind: "undeclared"; index: number; segment: string; parent: string }
  /** Segment `index` is declared but optional in the subschema at `parent`. */
  | { kind: "optional"; index: number; segment: string; parent: string };

export type PathResult = { ok: true; schemas: unknown[] } | { ok: false; failure: PathFailure };

export interface PathOptions {
  /** Partition and idempotency keys must be present in every message: each segment must be required. */
  requireEach: boolean;
}

/**
 * Follows a JSON pointer through the properties of a resolved schema. On success returns the
 * subschemas that declare the last segment, so callers can look at its type.
 */
export function resolveSchemaPath(schema: unknown, pointer: unknown, options: PathOptions): PathResult {
  if (typeof pointer !== "string") return { ok: false, failure: { kind: "not-a-string" } };
  const segments = parsePointer(pointer);
  if (!segments) return { ok: false, failure: { kind: "not-a-pointer" } };
  if (segments.length === 0) return { ok: false, failure: { kind: "whole-document" } };
  let current: unknown[] = [schema];
  for (const [index, segment] of segments.entries()) {
    const level = schemaLevel(current);
    const parent = segments
      .slice(0, index)
      .map((s) => `/${escapeSegment(s)}`)
      .join("");
    const declared = level.properties.get(segment);
    if (!declared) return { ok: false, failure: { kind: "undeclared", index, segment, parent } };
    if (options.requireEach && !level.required.has(segment)) {
      return { ok: false, failure: { kind: "optional", index, segment, parent } };
    }
    current = declared;
  }
  return { ok: true, schemas: current };
}

/** Completes `<what> "<pointer>" …`, saying exactly which segment fails and where. */
export function describePathFailure(failure: PathFailure, schemaName = "payload"): string {
  switch (failure.kind) {
    case "not-a-string":
      return "is not a string";
    case "not-a-pointer":
      return 'is not a JSON pointer: it must start with "/"';
    case "whole-document":
      return `names the whole ${schemaName}, not a property`;
    case "undeclared":
      return `does not resolve: segment "${failure.segment}" is not a declared property of ${where(failure.parent, schemaName)}`;
    case "optional":
      return `does not resolve to a required property: segment "${failure.segment}" is optional in ${where(failure.parent, schemaName)}`;
  }
}

function where(parent: string, schemaName: string): string {
  return parent === "" ? `the ${schemaName} root` : `${parent} in the ${schemaName}`;
}
