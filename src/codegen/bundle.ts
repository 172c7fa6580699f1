// Turns the raw schemas of a service's messages (with `$ref`s across files, as written) into one
// schema whose `$defs` hold every referenced schema exactly once under a deterministic TypeScript
// name. json-schema-to-typescript and ajv both consume that bundle; neither sees a file path, and a
// recursive schema is just a `$ref` to its own name (the parser's dereferenced graph is cyclic).
import { dirname, posix, resolve } from "node:path";
import { EventlineError } from "../errors.js";
import { fragmentToPointer, getAtPointer, parsePointer } from "../schema/pointer.js";
import { assignUniqueNames, pascalIdentifier } from "./names.js";

/** A schema the generated code exports a type and a validator for. */
export interface BundleRoot {
  /** Stable key, e.g. `payload:<message id>`. */
  key: string;
  /** Preferred type name, most natural first (`OrderCreated`, then qualified variants). */
  names: readonly string[];
  /** The schema as written (may be a `$ref`). */
  schema: unknown;
  /** Absolute path of the file the schema is written in, and its pointer there. */
  file: string;
  pointer: string;
}

export interface SchemaBundle {
  /** Every schema, keyed by its TypeScript name. Refs are `#/$defs/<name>`. */
  defs: Record<string, unknown>;
  /** Root key → name of its definition. */
  rootNames: Map<string, string>;
  /** True when some schema needs JSON Schema 2020-12 semantics. */
  draft2020: boolean;
}

/** Reads a file (YAML or JSON) as a value; throws an EventlineError naming the file when it cannot. */
export type ValueReader = (absolutePath: string) => unknown;

interface Location {
  file: string;
  pointer: string;
}

const locationKey = (l: Location) => `${l.file}#${l.pointer}`;

// Keywords whose values are data, not schemas: a `$ref` inside them is not a reference.
const DATA_KEYWORDS = new Set(["enum", "const", "default", "examples", "example", "x-examples"]);
// Removed from every copied schema: identity and draft markers would re-base refs in the bundle,
// and nested `$defs` are pulled in through refs on demand.
const DROPPED = new Set(["$id", "id", "$schema", "$anchor", "$defs", "definitions", "$comment"]);

// Keywords whose values map names (property names, definition names) to schemas: the keys are data,
// so a property called `example`, `title`, `id` or `x-foo` is a property, not a keyword.
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "dependentSchemas", "dependencies"]);
// json-schema-to-typescript splits a named schema that combines one of these with other constraints
// into an intersection of invented names (`Rank1 & Rank2`); wrapped in an `allOf`, it stays inline.
const COMPOSITIONS = ["allOf", "anyOf", "oneOf"];

const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function resolveRef(from: Location, ref: string): Location {
  const hash = ref.indexOf("#");
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
    throw new EventlineError(
      "INPUT_INVALID",
      `remote $ref "${ref}" cannot be generated from (in ${from.file})`,
    );
  }
  const pointer = fragmentToPointer(fragment);
  if (pointer === undefined) {
    throw new EventlineError("INPUT_INVALID", `$ref "${ref}" is not a JSON pointer (in ${from.file})`);
  }
  const file = filePart === "" ? from.file : resolve(dirname(from.file), decodeURI(filePart));
  return { file, pointer };
}

/** Names a referenced schema would naturally get: its last pointer segment, or its title, or the file name. */
function candidateNames(location: Location, schema: unknown): string[] {
  const segments = parsePointer(location.pointer) ?? [];
  const base = posix.basename(location.file.split("\\").join("/")).replace(/\.(json|ya?ml)$/i, "");
  const title = isRecord(schema) && typeof schema.title === "string" ? schema.title : undefined;
  const last = segments[segments.length - 1];
  const primary =
    last !== undefined && !/^\d+$/.test(last)
      ? last
      : segments.length === 0 && title !== undefined
        ? title.replace(/\s+v\d+$/i, "")
        : base.replace(/\.v\d+$/i, "");
  const dirs = dirname(location.file).split(/[\\/]/).filter(Boolean).reverse();
  const names = [pascalIdentifier(primary)];
  if (segments.length > 0) names.push(pascalIdentifier(`${base} ${primary}`));
  for (let i = 0; i < Math.min(dirs.length, 3); i++) {
    names.push(
      pascalIdentifier(
        `${dirs
          .slice(0, i + 1)
          .reverse()
          .join(" ")} ${base} ${primary}`,
      ),
    );
  }
  return [...new Set(names)];
}

function uses2020(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(uses2020);
  if (!isRecord(value)) return false;
  if (typeof value.$schema === "string" && value.$schema.includes("2020-12")) return true;
  if ("prefixItems" in value || "$dynamicRef" in value || "unevaluatedProperties" in value) return true;
  return Object.values(value).some(uses2020);
}

/**
 * Collects every schema reachable from the roots, names it, and rewrites refs to `#/$defs/<name>`.
 * Roots keep their own names; a schema reached both as a root and by reference is one definition.
 */
export function bundleSchemas(
  roots: readonly BundleRoot[],
  read: ValueReader,
  reserved: Iterable<string> = [],
): SchemaBundle {
  const fileValue = read;
  const schemaAt = (location: Location): unknown => {
    const value = getAtPointer(fileValue(location.file), location.pointer);
    if (value === undefined) {
      throw new EventlineError(
        "INPUT_INVALID",
        `$ref target ${location.pointer || "/"} is missing in ${location.file}`,
      );
    }
    return value;
  };

  // Follow a chain of pure `$ref`s to the schema it names, so `payload: {$ref: x.json}` is x.json.
  const target = (start: Location, schema: unknown): { location: Location; schema: unknown } => {
    let location = start;
    let value = schema;
    for (
      let hops = 0;
      isRecord(value) && typeof value.$ref === "string" && Object.keys(value).length === 1;
      hops++
    ) {
      if (hops > 64) throw new EventlineError("INPUT_INVALID", `$ref chain loops at ${locationKey(start)}`);
      location = resolveRef(location, value.$ref);
      value = schemaAt(location);
    }
    return { location, schema: value };
  };

  const found = new Map<string, { location: Location; schema: unknown }>();
  const requests: { key: string; candidates: string[] }[] = [];
  const rootTargets = new Map<string, string>();
  const pending: { location: Location; schema: unknown }[] = [];
  const visit = (location: Location, schema: unknown): string => {
    const key = locationKey(location);
    if (!found.has(key)) {
      found.set(key, { location, schema });
      pending.push({ location, schema });
    }
    return key;
  };

  // Roots first, so their preferred names win over incidental references to the same schema.
  const sortedRoots = [...roots].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rootRequests: { key: string; candidates: string[] }[] = [];
  const claims = new Map<string, { location: Location; schema: unknown; names: string[][] }>();
  for (const root of sortedRoots) {
    const t = target({ file: root.file, pointer: root.pointer }, root.schema);
    const key = visit(t.location, t.schema);
    rootTargets.set(root.key, key);
    const claim = claims.get(key) ?? { location: t.location, schema: t.schema, names: [] };
    claim.names.push([...root.names]);
    claims.set(key, claim);
  }
  // A schema one message owns is named after the message; one that several messages share (a common
  // headers schema) is named after itself, and each message gets an alias.
  for (const [key, claim] of claims) {
    const candidates =
      claim.names.length === 1 ? claim.names[0]! : candidateNames(claim.location, claim.schema);
    rootRequests.push({ key, candidates });
  }

  const refsOf = (location: Location, node: unknown, out: Location[]) => {
    if (Array.isArray(node)) {
      for (const item of node) refsOf(location, item, out);
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.$ref === "string") out.push(resolveRef(location, node.$ref));
    for (const [k, v] of Object.entries(node)) {
      if (SCHEMA_MAPS.has(k) && isRecord(v))
        for (const schema of Object.values(v)) refsOf(location, schema, out);
      else if (!DATA_KEYWORDS.has(k) && k !== "$ref") refsOf(location, v, out);
    }
  };
  while (pending.length > 0) {
    const { location, schema } = pending.pop()!;
    const refs: Location[] = [];
    refsOf(location, schema, refs);
    for (const ref of refs) {
      const t = target(ref, schemaAt(ref));
      const key = visit(t.location, t.schema);
      if (!rootRequests.some((r) => r.key === key) && !requests.some((r) => r.key === key)) {
        requests.push({ key, candidates: candidateNames(t.location, t.schema) });
      }
    }
  }

  const names = assignUniqueNames(rootRequests, reserved);
  for (const [key, name] of assignUniqueNames(requests, [...reserved, ...names.values()]))
    names.set(key, name);

  const copy = (location: Location, node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => copy(location, item, false));
    if (!isRecord(node)) return node;
    if (typeof node.$ref === "string") {
      const ref = resolveRef(location, node.$ref);
      const name = names.get(locationKey(target(ref, schemaAt(ref)).location))!;
      const rest = Object.fromEntries(Object.entries(node).filter(([k]) => k !== "$ref" && !DROPPED.has(k)));
      // A `$ref` with siblings (allowed from 2019-09) keeps them: both must hold.
      // Annotations beside a `$ref` (a description of the property) constrain nothing; kept, they would
      // make json-schema-to-typescript declare the target a second time (`Money1`).
      return Object.keys(rest).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-"))
        ? { $ref: `#/$defs/${name}` }
        : { allOf: [{ $ref: `#/$defs/${name}` }, copy(location, rest, false)] };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (DROPPED.has(k)) continue;
      // Nested titles would make json-schema-to-typescript invent more named types (with counters).
      if (k === "title" && !top) continue;
      if (SCHEMA_MAPS.has(k) && isRecord(v)) {
        out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, copy(location, s, false)]));
      } else out[k] = DATA_KEYWORDS.has(k) || k.startsWith("x-") ? v : copy(location, v, false);
    }
    return out;
  };
  const named = (name: string, body: unknown): unknown => {
    if (!isRecord(body)) return body;
    // `default` stays inside: json-schema-to-typescript reads a type off it (another invented name).
    const constraints = Object.keys(body).filter(
      (k) => k === "default" || (!ANNOTATIONS.has(k) && !k.startsWith("x-")),
    );
    if (constraints.length > 1 && constraints.some((k) => COMPOSITIONS.includes(k))) {
      const annotations = Object.fromEntries(Object.entries(body).filter(([k]) => !constraints.includes(k)));
      const rest = Object.fromEntries(Object.entries(body).filter(([k]) => constraints.includes(k)));
      return { ...annotations, title: name, allOf: [rest] };
    }
    return { ...body, title: name };
  };

  const defs: Record<string, unknown> = {};
  let draft2020 = false;
  const fileIs2020 = new Map<string, boolean>();
  const in2020File = (file: string) => {
    const known = fileIs2020.get(file) ?? uses2020(fileValue(file));
    fileIs2020.set(file, known);
    return known;
  };
  const keys = [...found.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  for (const key of keys) {
    const { location, schema } = found.get(key)!;
    const name = names.get(key)!;
    draft2020 ||= uses2020(schema) || in2020File(location.file);
    const body = copy(location, schema, true);
    defs[name] = named(name, body);
  }
  breakIllFoundedCycles(defs);
  const rootNames = new Map<string, string>();
  for (const [rootKey, key] of rootTargets) rootNames.set(rootKey, names.get(key)!);
  return { defs, rootNames, draft2020 };
}

// Keywords that apply their subschemas to the same instance (not to a part of it).
const SAME_INSTANCE_LISTS = ["allOf", "anyOf", "oneOf"];
const SAME_INSTANCE_SCHEMAS = ["not", "if", "then", "else"];
const SAME_INSTANCE_MAPS = ["dependentSchemas", "dependencies"];

/**
 * A cycle of `$ref`s that never descends into a property or an item (OpenAPI-style discriminators:
 * the base's `oneOf` lists subtypes whose `allOf` includes the base) has no finite meaning: ajv's
 * validator would recurse forever and the TypeScript types alias themselves (TS2456). The `$ref` that
 * closes such a cycle, found depth-first from the definitions in name order, is dropped from its
 * `allOf` (elsewhere it becomes `{}`), so the base keeps its own constraints and each subtype its additions. Recursion through properties and items
 * (trees, linked lists) is untouched.
 */
function breakIllFoundedCycles(defs: Record<string, unknown>): void {
  const state = new Map<string, "open" | "done">();
  const allOfLists = new WeakSet<unknown[]>();
  const prefix = "#/$defs/";
  const visit = (name: string) => {
    state.set(name, "open");
    const walk = (holder: Record<string | number, unknown> | unknown[], key: string | number) => {
      const node = (holder as Record<string | number, unknown>)[key];
      if (!isRecord(node)) return;
      if (typeof node.$ref === "string" && node.$ref.startsWith(prefix)) {
        const target = node.$ref.slice(prefix.length);
        if (state.get(target) === "open") {
          // In an `allOf` the item is dropped (json-schema-to-typescript loses types beside a `{}`).
          if (Array.isArray(holder) && allOfLists.has(holder)) holder.splice(key as number, 1);
          else (holder as Record<string | number, unknown>)[key] = holder === defs ? { title: name } : {};
          return;
        }
        if (!state.has(target) && target in defs) visit(target);
      }
      for (const k of SAME_INSTANCE_LISTS) {
        const list = node[k];
        if (!Array.isArray(list)) continue;
        if (k === "allOf") allOfLists.add(list);
        // Backwards, so dropping an item does not skip the next one.
        for (let i = list.length - 1; i >= 0; i--) walk(list, i);
        if (list.length === 0) delete node[k];
      }
      for (const k of SAME_INSTANCE_SCHEMAS) walk(node, k);
      for (const k of SAME_INSTANCE_MAPS) {
        const map = node[k];
        if (isRecord(map)) for (const entry of Object.keys(map)) walk(map, entry);
      }
    };
    walk(defs, name);
    state.set(name, "done");
  };
  for (const name of Object.keys(defs).sort()) if (!state.has(name)) visit(name);
}
