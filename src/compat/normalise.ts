import { draftOf, type JsonSchemaDraft } from "../model/ajv.js";
import { appendPointer, fragmentToPointer, getAtPointer } from "../model/pointer.js";
import type { CompatProfile, JsonType } from "./types.js";

/**
 * Normalised view of a JSON Schema (draft-07, 2020-12, AsyncAPI Schema Object) for comparison.
 *
 * Nodes are built lazily, one per pointer, so a recursive `$ref` is a cycle in the node graph
 * rather than an infinite tree; the comparison memoises (writer, reader) node pairs and assumes a
 * revisited pair compatible (co-induction). Only validation keywords are read: annotations
 * (title, description, examples, $comment, deprecated, readOnly, writeOnly, contentEncoding,
 * contentMediaType, ...) never reach the rules. `default` survives as a flag because the
 * confluent profile treats a required property with a default as compatible.
 */

export interface NormaliseOptions {
  profile?: CompatProfile;
}

let nextNodeId = 1;

const NUMERIC_KEYWORDS = [
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minContains",
  "maxContains",
] as const;

/** Keywords that only the 2019-09/2020-12 vocabularies define; ajv's draft-07 validator ignores them. */
const NEW_KEYWORDS = new Set([
  "prefixItems",
  "minContains",
  "maxContains",
  "dependentRequired",
  "dependentSchemas",
  "unevaluatedItems",
  "unevaluatedProperties",
  "$anchor",
  "$dynamicRef",
  "$recursiveRef",
]);

const TYPE_NAMES = new Set<JsonType>(["array", "boolean", "integer", "null", "number", "object", "string"]);

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deterministic JSON text with sorted keys: the identity of enum/const values. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

/** The JSON type of a value, `integer` for integral numbers. */
export function typeOfValue(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  return "object";
}

/** Sorted, integer folded into number when both are present. Unknown names are dropped. */
export function canonicalTypes(raw: unknown): JsonType[] | undefined {
  const list = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (list === undefined) return undefined;
  const set = new Set<JsonType>();
  for (const t of list) if (typeof t === "string" && TYPE_NAMES.has(t as JsonType)) set.add(t as JsonType);
  if (set.has("number")) set.delete("integer");
  return [...set].sort();
}

/**
 * Copies the schema, rewriting draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum` into the
 * numeric form so both ajv and the rules see one shape. Subschema pointers do not move.
 */
export function upgradeSchema(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw.map(upgradeSchema);
  if (!isObject(raw)) return raw;
  const out: Raw = {};
  for (const [k, v] of Object.entries(raw)) {
    out[k] = k === "enum" || k === "const" || k === "default" || k === "examples" ? v : upgradeSchema(v);
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true && typeof out[bound] === "number") {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        delete out[flag];
      }
    }
  }
  return out;
}

/** One normalised JSON Schema document (the writer's or the reader's). */
export class SchemaDoc {
  readonly root: unknown;
  readonly draft: JsonSchemaDraft;
  readonly profile: CompatProfile;
  readonly name: "reader" | "writer";
  private readonly nodes = new Map<string, SchemaNode>();
  private readonly anchors = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  constructor(raw: unknown, name: "reader" | "writer", options: NormaliseOptions = {}) {
    this.root = upgradeSchema(raw);
    this.draft = draftOf(raw);
    this.profile = options.profile ?? "semantic";
    this.name = name;
    this.indexIds(this.root, "");
  }

  get rootNode(): SchemaNode {
    return this.at("");
  }

  /** The node for the subschema at `pointer` (must exist). */
  at(pointer: string): SchemaNode {
    let node = this.nodes.get(pointer);
    if (node === undefined) {
      node = new SchemaNode(this, pointer, getAtPointer(this.root, pointer));
      this.nodes.set(pointer, node);
    }
    return node;
  }

  /** A node that is not in the document: built from `raw`, reported at `pointer`. */
  synthetic(raw: unknown, pointer: string): SchemaNode {
    return new SchemaNode(this, pointer, raw, true);
  }

  /** Resolves a `$ref` to a pointer in this document, or undefined when it is not local. */
  resolveRef(ref: string): string | undefined {
    const hash = ref.indexOf("#");
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? "" : ref.slice(hash + 1);
    let basePointer: string | undefined = "";
    if (base !== "") basePointer = this.ids.get(base);
    if (basePointer === undefined) return undefined;
    if (fragment === "") return basePointer;
    if (fragment.startsWith("/") || fragment.startsWith("%2F")) {
      const pointer = fragmentToPointer(fragment);
      if (pointer === undefined) return undefined;
      const full = basePointer + pointer;
      return getAtPointer(this.root, full) === undefined ? undefined : full;
    }
    return (
      this.anchors.get(`${base}#${fragment}`) ?? (base === "" ? undefined : this.anchors.get(`#${fragment}`))
    );
  }

  private indexIds(value: unknown, pointer: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.indexIds(v, appendPointer(pointer, i)));
      return;
    }
    if (!isObject(value)) return;
    const id = value.$id ?? value.id;
    if (typeof id === "string") {
      if (id.startsWith("#")) this.anchors.set(id, pointer);
      else {
        const hash = id.indexOf("#");
        this.ids.set(hash < 0 ? id : id.slice(0, hash), pointer);
      }
    }
    if (typeof value.$anchor === "string") this.anchors.set(`#${value.$anchor}`, pointer);
    for (const [k, v] of Object.entries(value)) {
      if (k === "enum" || k === "const" || k === "default" || k === "examples") continue;
      this.indexIds(v, appendPointer(pointer, k));
    }
  }
}

export interface Conditional {
  readonly if: SchemaNode;
  readonly then?: SchemaNode;
  readonly else?: SchemaNode;
}

/**
 * A subschema with its validation keywords in canonical form. Subschemas are reached through
 * getters so that building a node never recurses.
 */
export class SchemaNode {
  readonly id = nextNodeId++;
  readonly doc: SchemaDoc;
  readonly pointer: string;
  readonly raw: Raw;
  /** Built by the engine (not at `pointer` in the document): validate its raw form directly. */
  readonly synthetic: boolean;
  /** Accepts nothing (`false`, `{not: {}}`, an empty enum). */
  readonly never: boolean;
  /** Accepts everything by itself (`true`, `{}`, annotations only). */
  readonly always: boolean;
  readonly types?: readonly JsonType[];
  /** `enum` and `const` folded together, sorted by JSON value. */
  readonly enum?: readonly unknown[];
  readonly hasDefault: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems: boolean;
  readonly minContains?: number;
  readonly maxContains?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly required: readonly string[];
  readonly dependentRequired: readonly (readonly [string, readonly string[]])[];
  /** Keywords present that the engine cannot reason about; each makes a comparison unprovable. */
  readonly unsupported: readonly { keyword: string; reason: string }[];
  /** True when the node only restricts `type` (so `not` of it subtracts types exactly). */
  readonly onlyTypes: boolean;
  private readonly cache = new Map<string, unknown>();

  constructor(doc: SchemaDoc, pointer: string, raw: unknown, synthetic = false) {
    this.doc = doc;
    this.pointer = pointer;
    this.synthetic = synthetic;
    const unsupported: { keyword: string; reason: string }[] = [];
    if (typeof raw === "boolean" || raw === undefined) {
      this.raw = {};
      this.never = raw === false;
      this.always = raw !== false;
      this.hasDefault = false;
      this.uniqueItems = false;
      this.required = [];
      this.dependentRequired = [];
      this.unsupported = [];
      this.onlyTypes = false;
      return;
    }
    const r: Raw = isObject(raw) ? { ...raw } : {};
    if (doc.draft === "draft-07") for (const k of NEW_KEYWORDS) delete r[k];
    this.raw = r;
    this.types = canonicalTypes(r.type);
    let values: unknown[] | undefined = Array.isArray(r.enum) ? [...r.enum] : undefined;
    if ("const" in r) values = values === undefined ? [r.const] : values.filter((v) => jsonEqual(v, r.const));
    if (values !== undefined) {
      const seen = new Map<string, unknown>();
      for (const v of values) seen.set(stableStringify(v), v);
      this.enum = [...seen.keys()].sort().map((k) => seen.get(k));
    }
    this.hasDefault = "default" in r;
    const numbers: Record<string, number | undefined> = {};
    for (const k of NUMERIC_KEYWORDS) numbers[k] = typeof r[k] === "number" ? (r[k] as number) : undefined;
    this.minLength = numbers.minLength;
    this.maxLength = numbers.maxLength;
    this.minimum = numbers.minimum;
    this.maximum = numbers.maximum;
    this.exclusiveMinimum = numbers.exclusiveMinimum;
    this.exclusiveMaximum = numbers.exclusiveMaximum;
    this.multipleOf = numbers.multipleOf;
    this.minItems = numbers.minItems;
    this.maxItems = numbers.maxItems;
    this.minContains = numbers.minContains;
    this.maxContains = numbers.maxContains;
    this.minProperties = numbers.minProperties;
    this.maxProperties = numbers.maxProperties;
    this.pattern = typeof r.pattern === "string" ? r.pattern : undefined;
    this.format = typeof r.format === "string" ? r.format : undefined;
    this.uniqueItems = r.uniqueItems === true;
    this.required = Array.isArray(r.required)
      ? [...new Set(r.required.filter((x): x is string => typeof x === "string"))].sort()
      : [];
    const depReq = new Map<string, string[]>();
    for (const source of [r.dependencies, r.dependentRequired]) {
      if (!isObject(source)) continue;
      for (const [k, v] of Object.entries(source)) {
        if (Array.isArray(v)) {
          const list = depReq.get(k) ?? [];
          for (const x of v) if (typeof x === "string" && !list.includes(x)) list.push(x);
          depReq.set(k, list.sort());
        }
      }
    }
    this.dependentRequired = [...depReq.entries()].sort(([a], [b]) => compareStrings(a, b));
    if (typeof r.$ref === "string" && doc.resolveRef(r.$ref) === undefined) {
      unsupported.push({ keyword: "$ref", reason: `$ref "${r.$ref}" does not resolve inside the schema` });
    }
    for (const k of ["$dynamicRef", "$recursiveRef"]) {
      if (k in r) unsupported.push({ keyword: k, reason: `${k} is not supported by the comparison` });
    }
    const applicators = ["allOf", "anyOf", "oneOf", "not", "$ref", "if", "dependentSchemas", "dependencies"];
    const hasApplicators = applicators.some((k) => k in r);
    for (const [k, plain] of [
      ["unevaluatedProperties", "additionalProperties"],
      ["unevaluatedItems", "items"],
    ] as const) {
      if (!(k in r) || r[k] === true) continue;
      if (hasApplicators) {
        unsupported.push({ keyword: k, reason: `${k} next to in-place applicators is not supported` });
      }
    }
    this.unsupported = unsupported;
    const enumEmpty = this.enum !== undefined && this.enum.length === 0;
    const notAll = isObject(r.not) ? Object.keys(r.not).length === 0 : r.not === true;
    this.never = enumEmpty || notAll || (this.types !== undefined && this.types.length === 0 && "type" in r);
    const keys = Object.keys(r).filter((k) => VALIDATION_KEYWORDS.has(k));
    this.always = keys.length === 0;
    this.onlyTypes = keys.length === 1 && keys[0] === "type";
  }

  /** Pointer to one of this node's keywords (for findings). */
  kw(...segments: (string | number)[]): string {
    return appendPointer(this.pointer, ...segments);
  }

  has(keyword: string): boolean {
    return keyword in this.raw;
  }

  private memo<T>(key: string, build: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, build());
    return this.cache.get(key) as T;
  }

  private child(...segments: (string | number)[]): SchemaNode {
    return this.doc.at(appendPointer(this.pointer, ...segments));
  }

  private childIfSchema(keyword: string): SchemaNode | undefined {
    const v = this.raw[keyword];
    return isObject(v) || typeof v === "boolean" ? this.child(keyword) : undefined;
  }

  private childList(keyword: string): SchemaNode[] | undefined {
    const v = this.raw[keyword];
    return Array.isArray(v) ? v.map((_, i) => this.child(keyword, i)) : undefined;
  }

  private childMap(keyword: string): [string, SchemaNode][] {
    const v = this.raw[keyword];
    if (!isObject(v)) return [];
    return Object.keys(v)
      .filter((k) => isObject(v[k]) || typeof v[k] === "boolean")
      .sort(compareStrings)
      .map((k) => [k, this.child(keyword, k)]);
  }

  /** The `$ref` target; the engine treats it as one more `allOf` member, as ajv 8 does. */
  get ref(): SchemaNode | undefined {
    return this.memo("ref", () => {
      const ref = this.raw.$ref;
      if (typeof ref !== "string") return undefined;
      const target = this.doc.resolveRef(ref);
      return target === undefined ? undefined : this.doc.at(target);
    });
  }

  get allOf(): readonly SchemaNode[] {
    return this.memo("allOf", () => this.childList("allOf") ?? []);
  }

  get anyOf(): readonly SchemaNode[] | undefined {
    return this.memo("anyOf", () => this.childList("anyOf"));
  }

  get oneOf(): readonly SchemaNode[] | undefined {
    return this.memo("oneOf", () => this.childList("oneOf"));
  }

  get not(): SchemaNode | undefined {
    return this.memo("not", () => this.childIfSchema("not"));
  }

  get conditional(): Conditional | undefined {
    return this.memo("if", () => {
      const cond = this.childIfSchema("if");
      if (cond === undefined) return undefined;
      const then = this.childIfSchema("then");
      const otherwise = this.childIfSchema("else");
      return { if: cond, ...(then ? { then } : {}), ...(otherwise ? { else: otherwise } : {}) };
    });
  }

  /** Positional item schemas (draft-07 array-form `items`, 2020-12 `prefixItems`). */
  get prefixItems(): readonly SchemaNode[] {
    return this.memo("prefixItems", () => {
      if (Array.isArray(this.raw.items)) return this.childList("items") ?? [];
      return this.childList("prefixItems") ?? [];
    });
  }

  /** Schema of items after the positional ones; undefined means unconstrained. */
  get restItems(): SchemaNode | undefined {
    return this.memo("restItems", () => {
      const r = this.raw;
      if (Array.isArray(r.items))
        return this.childIfSchema("additionalItems") ?? this.plainUnevaluated("unevaluatedItems");
      if ("prefixItems" in r) return this.childIfSchema("items") ?? this.plainUnevaluated("unevaluatedItems");
      if ("items" in r) return this.childIfSchema("items");
      // Draft-07 ignores additionalItems without array-form items; Confluent's checker does not.
      if (this.doc.profile === "confluent" && "additionalItems" in r)
        return this.childIfSchema("additionalItems");
      return this.plainUnevaluated("unevaluatedItems");
    });
  }

  get contains(): SchemaNode | undefined {
    return this.memo("contains", () => this.childIfSchema("contains"));
  }

  get properties(): readonly (readonly [string, SchemaNode])[] {
    return this.memo("properties", () => this.childMap("properties"));
  }

  property(name: string): SchemaNode | undefined {
    return this.properties.find(([k]) => k === name)?.[1];
  }

  get patternProperties(): readonly (readonly [string, SchemaNode])[] {
    return this.memo("patternProperties", () => this.childMap("patternProperties"));
  }

  /** Schema of properties matched neither by `properties` nor `patternProperties`. */
  get additionalProperties(): SchemaNode | undefined {
    return this.memo(
      "additionalProperties",
      () => this.childIfSchema("additionalProperties") ?? this.plainUnevaluated("unevaluatedProperties"),
    );
  }

  get propertyNames(): SchemaNode | undefined {
    return this.memo("propertyNames", () => this.childIfSchema("propertyNames"));
  }

  get dependentSchemas(): readonly (readonly [string, SchemaNode])[] {
    return this.memo("dependentSchemas", () => {
      const out: [string, SchemaNode][] = [...this.childMap("dependentSchemas")];
      const deps = this.raw.dependencies;
      if (isObject(deps)) {
        for (const k of Object.keys(deps).sort(compareStrings)) {
          if (isObject(deps[k]) || typeof deps[k] === "boolean") out.push([k, this.child("dependencies", k)]);
        }
      }
      return out.sort(([a], [b]) => compareStrings(a, b));
    });
  }

  /** unevaluated* without applicators next to it is the same as additional*. */
  private plainUnevaluated(keyword: string): SchemaNode | undefined {
    return this.unsupported.some((u) => u.keyword === keyword) ? undefined : this.childIfSchema(keyword);
  }

  /** Canonical text of the schema's meaning (refs inlined, sets sorted, annotations dropped). */
  get key(): string | undefined {
    return this.memo("key", () => canonicalKey(this));
  }
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SCHEMA_KEYWORDS = new Set([
  "additionalItems",
  "additionalProperties",
  "contains",
  "else",
  "if",
  "items",
  "not",
  "propertyNames",
  "then",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "dependentSchemas"]);
const VALUE_KEYWORDS = new Set([
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "maxItems",
  "minItems",
  "uniqueItems",
  "minContains",
  "maxContains",
  "maxProperties",
  "minProperties",
  "$dynamicRef",
  "$recursiveRef",
]);
export const VALIDATION_KEYWORDS = new Set([
  ...SCHEMA_KEYWORDS,
  ...SCHEMA_LIST_KEYWORDS,
  ...SCHEMA_MAP_KEYWORDS,
  ...VALUE_KEYWORDS,
  "type",
  "enum",
  "const",
  "required",
  "dependencies",
  "dependentRequired",
  "prefixItems",
  "$ref",
]);

const KEY_LIMIT = 200_000;

class KeyTooLarge extends Error {}

/**
 * Two nodes with the same key accept the same values. Refs are inlined; a ref back into a
 * schema being serialised becomes a back-reference by depth, so recursive schemas get finite keys.
 */
function canonicalKey(node: SchemaNode): string | undefined {
  try {
    const budget = { left: KEY_LIMIT };
    return serialise(node, [], budget);
  } catch (error) {
    if (error instanceof KeyTooLarge) return undefined;
    throw error;
  }
}

function serialise(node: SchemaNode, stack: SchemaNode[], budget: { left: number }): string {
  if (node.never && Object.keys(node.raw).length === 0) return "F";
  if (node.always) return "T";
  const back = stack.indexOf(node);
  if (back >= 0) return `^${stack.length - back}`;
  stack.push(node);
  const parts: string[] = [];
  const r = node.raw;
  for (const k of Object.keys(r).sort(compareStrings)) {
    if (!VALIDATION_KEYWORDS.has(k) || k === "const" || k === "dependencies") continue;
    const v = r[k];
    let text: string;
    if (k === "type") text = JSON.stringify(node.types);
    else if (k === "enum") text = stableStringify(node.enum);
    else if (k === "required") text = JSON.stringify(node.required);
    else if (k === "dependentRequired") text = JSON.stringify(node.dependentRequired);
    else if (k === "$ref") text = node.ref ? serialise(node.ref, stack, budget) : `?${JSON.stringify(v)}`;
    else if (k === "items" && Array.isArray(v))
      text = `[${node.prefixItems.map((c) => serialise(c, stack, budget))}]`;
    else if (k === "prefixItems") text = `[${node.prefixItems.map((c) => serialise(c, stack, budget))}]`;
    else if (SCHEMA_KEYWORDS.has(k)) text = serialise(node.doc.at(node.kw(k)), stack, budget);
    else if (SCHEMA_LIST_KEYWORDS.has(k) && Array.isArray(v)) {
      // allOf/anyOf/oneOf are sets: order and duplicates do not change what they accept (oneOf aside
      // from duplicates, so keep its duplicates).
      const items = v
        .map((_, i) => serialise(node.doc.at(node.kw(k, i)), stack, budget))
        .sort(compareStrings);
      text = `[${(k === "oneOf" ? items : [...new Set(items)]).join(",")}]`;
    } else if (SCHEMA_MAP_KEYWORDS.has(k) && isObject(v)) {
      const entries = Object.keys(v)
        .sort(compareStrings)
        .map((p) => `${JSON.stringify(p)}:${serialise(node.doc.at(node.kw(k, p)), stack, budget)}`);
      text = `{${entries.join(",")}}`;
    } else text = stableStringify(v);
    parts.push(`${k}=${text}`);
  }
  if ("const" in r && !("enum" in r)) parts.push(`enum=${stableStringify(node.enum)}`);
  if (isObject(r.dependencies)) {
    parts.push(`dependentRequired*=${JSON.stringify(node.dependentRequired)}`);
    parts.push(
      `dependentSchemas*=${node.dependentSchemas.map(([k, s]) => `${JSON.stringify(k)}:${serialise(s, stack, budget)}`).join(",")}`,
    );
  }
  stack.pop();
  const out = `{${parts.join(";")}}`;
  budget.left -= out.length;
  if (budget.left < 0) throw new KeyTooLarge();
  return out;
}

/** Normalises a schema document; `name` says whether it plays the writer or the reader. */
export function normaliseSchema(
  raw: unknown,
  name: "reader" | "writer" = "reader",
  options: NormaliseOptions = {},
): SchemaDoc {
  return new SchemaDoc(raw, name, options);
}
