// JSON Schema → fast-check arbitrary of candidate instances. Best effort on purpose: callers check
// every value with ajv (arbitrary.ts keeps the valid ones, compat's witness search keeps the ones
// that break a reader), so the candidates only have to make valid values likely, never certain.
import fc from "fast-check";

export type SchemaObject = Record<string, unknown>;

export function isObject(v: unknown): v is SchemaObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export interface SchemaArbitraryOptions {
  /** Values worth trying anywhere (from both schemas: enum/const/examples/defaults, boundaries). */
  pool?: SeedPool;
  /** How many `$ref`s deep to follow before settling for a small constant. Default 3. */
  maxRefDepth?: number;
}

/** Values harvested from schemas, sorted by the type of instance they fit. */
export interface SeedPool {
  values: unknown[];
  numbers: number[];
  strings: string[];
  /** Property names declared anywhere (the reader's typed keys are what an open writer model breaks). */
  keys: string[];
  /** Array lengths and property counts at and around the schemas' bounds. */
  sizes: number[];
}

const ODD_VALUES: unknown[] = [null, 0, -1, 1.5, "", "x", true, false, [], {}];

/** An arbitrary of instances meant to be valid under `schema` (local `$ref`s resolve against `root`); unchecked. */
export function schemaArbitrary(
  schema: unknown,
  root: unknown = schema,
  options: SchemaArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const pool = options.pool ?? emptyPool();
  const builder = new Builder(root, pool, options.maxRefDepth ?? 3);
  return builder.build(schema, 0);
}

export function emptyPool(): SeedPool {
  return { values: [], numbers: [], strings: [], keys: [], sizes: [] };
}

/** Collects seed values from every subschema of `schema` into `pool` (mutates and returns it). */
export function harvest(schema: unknown, pool: SeedPool = emptyPool()): SeedPool {
  const seen = new Set<unknown>();
  const nums = new Set(pool.numbers);
  const strs = new Set(pool.strings);
  const keys = new Set(pool.keys);
  const lengths = new Set<number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const v of node) visit(v);
      return;
    }
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    for (const v of [node.default, node.const, ...(Array.isArray(node.examples) ? node.examples : [])])
      if (v !== undefined) pool.values.push(v);
    if ("const" in node && node.const === undefined) pool.values.push(null);
    if (Array.isArray(node.enum)) pool.values.push(...node.enum);
    for (const k of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
      const b = node[k];
      if (typeof b === "number") for (const d of [-1, -0.5, 0, 0.5, 1]) nums.add(b + d);
    }
    if (typeof node.multipleOf === "number" && node.multipleOf > 0) {
      const m = node.multipleOf;
      // ajv divides in floating point: a quotient of 1e21 or more prints as "1e+21" and fails its
      // parseInt check, and one that underflows to 0 passes; these show where two steps part.
      for (const v of [m, 2 * m, 3 * m, m / 2, m + 1, -m, m * 5e20, 2 * Number.MIN_VALUE]) nums.add(v);
    }
    for (const k of ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]) {
      const b = node[k];
      if (Number.isInteger(b) && (b as number) < 1000)
        for (const d of [-1, 0, 1]) if ((b as number) + d >= 0) lengths.add((b as number) + d);
    }
    for (const k of [
      "properties",
      "patternProperties",
      "dependentRequired",
      "dependentSchemas",
      "dependencies",
    ])
      if (isObject(node[k])) for (const name of Object.keys(node[k])) keys.add(name);
    if (Array.isArray(node.required)) for (const r of node.required) if (typeof r === "string") keys.add(r);
    for (const k of ["dependentRequired", "dependencies"])
      if (isObject(node[k]))
        for (const names of Object.values(node[k]))
          if (Array.isArray(names)) for (const n of names) if (typeof n === "string") keys.add(n);
    if (isObject(node.patternProperties))
      for (const pattern of Object.keys(node.patternProperties))
        for (const k of keysMatching(pattern)) keys.add(k);
    for (const v of Object.values(node)) visit(v);
  };
  visit(schema);
  for (const v of pool.values) {
    if (typeof v === "number") nums.add(v);
    if (typeof v === "string") strs.add(v);
  }
  for (const n of lengths) strs.add("a".repeat(n));
  for (const n of [0, 1, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53]) nums.add(n);
  pool.numbers = [...nums].filter(Number.isFinite);
  pool.strings = [...strs];
  pool.keys = [...keys];
  pool.sizes = [...new Set([...pool.sizes, ...lengths])].filter((n) => n <= 50);
  return pool;
}

/** A few names a `patternProperties` pattern matches (deterministic), so other schemas' keys can use them. */
function keysMatching(pattern: string): string[] {
  try {
    const re = new RegExp(pattern, "u");
    return [...new Set(fc.sample(fc.stringMatching(re), { numRuns: 4, seed: 1 }))];
  } catch {
    return [];
  }
}

type Arb = fc.Arbitrary<unknown>;

class Builder {
  private readonly memo = new Map<unknown, Map<number, Arb>>();

  constructor(
    readonly root: unknown,
    readonly pool: SeedPool,
    readonly maxRefDepth: number,
  ) {}

  private anyValue(): Arb {
    const constants = [...ODD_VALUES, ...this.pool.values, ...this.pool.numbers, ...this.pool.strings];
    return fc.oneof(
      { arbitrary: fc.constantFrom(...constants), weight: 3 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }) as Arb, weight: 1 },
    );
  }

  build(schema: unknown, depth: number): Arb {
    if (schema === true || schema === undefined) return this.anyValue();
    if (schema === false || !isObject(schema)) return this.anyValue();
    let perDepth = this.memo.get(schema);
    const hit = perDepth?.get(depth);
    if (hit) return hit;
    const arb = this.buildObject(schema, depth);
    if (!perDepth) {
      perDepth = new Map();
      this.memo.set(schema, perDepth);
    }
    perDepth.set(depth, arb);
    return arb;
  }

  private resolve(ref: string): unknown {
    if (!ref.startsWith("#")) return undefined;
    let node: unknown = this.root;
    const path = decodeURIComponent(ref.slice(1));
    if (path === "") return node;
    for (const raw of path.split("/").slice(1)) {
      const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node)) node = node[Number(seg)];
      else if (isObject(node)) node = node[seg];
      else return undefined;
    }
    return node;
  }

  private buildObject(schema: SchemaObject, depth: number): Arb {
    if (typeof schema.$ref === "string") {
      if (depth >= this.maxRefDepth) return this.shallow(schema);
      const target = this.resolve(schema.$ref);
      const rest = { ...schema };
      delete rest.$ref;
      // Draft-07 ignores siblings of $ref; 2020-12 applies them: merging is a fine guess for generation.
      const merged = isObject(target) ? mergeSchemas(target, rest) : rest;
      return this.build(merged, depth + 1);
    }
    if ("const" in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
    if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
      let merged: SchemaObject = { ...schema };
      delete merged.allOf;
      for (const s of schema.allOf) merged = mergeSchemas(merged, this.deref(s));
      return this.build(merged, depth);
    }
    const rest = { ...schema };
    delete rest.anyOf;
    delete rest.oneOf;
    const branches = [
      ...(Array.isArray(schema.anyOf) ? schema.anyOf : []),
      ...(Array.isArray(schema.oneOf) ? schema.oneOf : []),
    ];
    if (branches.length > 0)
      return fc.oneof(...branches.map((b) => this.build(mergeSchemas(rest, this.deref(b)), depth)));
    const types = typesFor(schema);
    const arbs: Arb[] = [];
    for (const t of types) arbs.push(this.forType(t, schema, depth));
    return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
  }

  private deref(schema: unknown): SchemaObject {
    if (schema === true) return {};
    if (schema === false) return { not: {} };
    return isObject(schema) ? schema : {};
  }

  /** At the recursion limit: small values that often satisfy a recursive schema (leaf cases). */
  private shallow(schema: SchemaObject): Arb {
    void schema;
    return fc.constantFrom<unknown>(null, {}, [], "", 0, true);
  }

  private forType(type: string, s: SchemaObject, depth: number): Arb {
    switch (type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
      case "number":
        return this.numbers(s, type === "integer");
      case "string":
        return this.strings(s);
      case "array":
        return this.arrays(s, depth);
      case "object":
        return this.objects(s, depth);
      default:
        return this.anyValue();
    }
  }

  private numbers(s: SchemaObject, integer: boolean): Arb {
    const num = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
    // Draft-04 style boolean exclusives are not honoured here: ajv filters what is out of range.
    const lo = num("exclusiveMinimum") ?? num("minimum");
    const hi = num("exclusiveMaximum") ?? num("maximum");
    const constants = this.pool.numbers.filter((n) => !integer || Number.isInteger(n));
    let base: Arb;
    const m = num("multipleOf");
    if (m !== undefined && m > 0) {
      const kLo = lo === undefined ? -1000 : Math.ceil(lo / m);
      const kHi = hi === undefined ? 1000 : Math.floor(hi / m);
      base =
        kLo <= kHi && Number.isSafeInteger(kLo) && Number.isSafeInteger(kHi)
          ? fc.integer({ min: kLo, max: kHi }).map((k) => k * m)
          : fc.constant(0);
    } else if (integer) {
      const min = lo === undefined ? -(2 ** 40) : Math.ceil(Math.max(lo, Number.MIN_SAFE_INTEGER));
      const max = hi === undefined ? 2 ** 40 : Math.floor(Math.min(hi, Number.MAX_SAFE_INTEGER));
      base = min <= max ? fc.integer({ min, max }) : fc.constant(min);
    } else {
      base = fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(lo !== undefined ? { min: lo } : {}),
        ...(hi !== undefined && (lo === undefined || hi >= lo) ? { max: hi } : {}),
      });
    }
    return constants.length > 0
      ? fc.oneof({ arbitrary: base, weight: 2 }, { arbitrary: fc.constantFrom(...constants), weight: 1 })
      : base;
  }

  private strings(s: SchemaObject): Arb {
    const minLength = Math.min(bound(s.minLength, Math.ceil) ?? 0, 200);
    const maxLength = Math.max(bound(s.maxLength, Math.floor) ?? minLength + 12, minLength);
    const arbs: fc.WeightedArbitrary<unknown>[] = [
      { arbitrary: fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) }), weight: 2 },
    ];
    if (typeof s.pattern === "string") {
      try {
        arbs.push({ arbitrary: fc.stringMatching(new RegExp(s.pattern, "u")), weight: 4 });
      } catch {
        // An ECMAScript-incompatible pattern: ajv will reject what does not match.
      }
    }
    const format = typeof s.format === "string" ? FORMATS[s.format] : undefined;
    if (format) arbs.push({ arbitrary: format, weight: 4 });
    if (this.pool.strings.length > 0)
      arbs.push({ arbitrary: fc.constantFrom(...this.pool.strings), weight: 1 });
    return fc.oneof(...arbs);
  }

  private arrays(s: SchemaObject, depth: number): Arb {
    const prefixSchemas: unknown[] = Array.isArray(s.items)
      ? s.items
      : Array.isArray(s.prefixItems)
        ? s.prefixItems
        : [];
    const restSchema = Array.isArray(s.items) ? s.additionalItems : s.items;
    const minItems = Math.min(bound(s.minItems, Math.ceil) ?? 0, 20);
    const maxItems = bound(s.maxItems, Math.floor) ?? Math.max(minItems + 4, this.largeSize());
    const prefix = prefixSchemas.map((p) => this.build(p, depth));
    const restMin = Math.max(0, minItems - prefix.length);
    const restMax = Math.max(
      restMin,
      Math.min(maxItems - prefix.length, Math.max(restMin + 4, this.largeSize())),
    );
    const rest =
      restSchema === false
        ? fc.constant<unknown[]>([])
        : fc.array(this.build(restSchema, depth), { minLength: restMin, maxLength: restMax });
    const extra = s.contains !== undefined ? this.build(s.contains, depth) : undefined;
    return fc
      .tuple(fc.tuple(...prefix), rest, extra ? fc.option(extra, { nil: undefined }) : fc.constant(undefined))
      .map(([p, r, c]) => (c === undefined ? [...p, ...r] : [...p, ...r, c]));
  }

  /** One more than the largest size bound seen: enough to cross a reader's maxItems/maxProperties. */
  private largeSize(): number {
    return Math.min(50, Math.max(0, ...this.pool.sizes) + 1);
  }

  private objects(s: SchemaObject, depth: number): Arb {
    const props = isObject(s.properties) ? s.properties : {};
    const required = new Set(
      Array.isArray(s.required) ? s.required.filter((r) => typeof r === "string") : [],
    );
    const model: Record<string, Arb> = {};
    for (const [k, v] of Object.entries(props)) model[k] = this.build(v, depth);
    for (const r of required) if (!(r in model)) model[r] = this.anyValue();
    const declared = fc.record(model, { requiredKeys: [...required].filter((r) => r in model) });
    const parts: Arb[] = [declared];
    if (isObject(s.patternProperties)) {
      for (const [pattern, sub] of Object.entries(s.patternProperties)) {
        let key: fc.Arbitrary<string>;
        try {
          key = fc.stringMatching(new RegExp(pattern, "u"));
        } catch {
          continue;
        }
        parts.push(
          fc
            .array(fc.tuple(key, this.build(sub, depth)), { maxLength: 2 })
            .map((entries) => Object.fromEntries(entries)),
        );
      }
    }
    const additional = s.additionalProperties ?? s.unevaluatedProperties;
    if (additional !== false) {
      // Open content model: undeclared keys, favouring names the other schema types (the classic break).
      const fresh = this.pool.keys.filter((k) => !(k in props));
      const keyArb: fc.Arbitrary<string> =
        fresh.length > 0
          ? fc.oneof(
              { arbitrary: fc.constantFrom(...fresh), weight: 3 },
              { arbitrary: fc.string(), weight: 1 },
            )
          : fc.string();
      parts.push(
        fc
          .array(fc.tuple(keyArb, this.build(additional, depth)), {
            minLength: Math.min(bound(s.minProperties, Math.ceil) ?? 0, 50),
            maxLength: Math.max(3, this.largeSize()),
          })
          .map((entries) => Object.fromEntries(entries.filter(([k]) => !(k in props)))),
      );
    }
    return fc.tuple(...parts).map((objs) => Object.assign({}, ...objs.slice(1).reverse(), objs[0]));
  }
}

/**
 * A size keyword as a whole non-negative number, rounded towards what it allows: ajv compares sizes
 * with a fractional bound as written (maxLength 1.5 allows 1) where the meta-schema is not checked
 * (a `$defs` entry of a draft-07 document), and fast-check wants integers.
 */
function bound(v: unknown, round: (x: number) => number): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? Math.max(0, round(v)) : undefined;
}

const FORMATS: Record<string, fc.Arbitrary<unknown>> = {
  "date-time": fc
    .date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  date: fc
    .date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  time: fc.constantFrom("12:34:56Z", "00:00:00+01:00"),
  email: fc.emailAddress(),
  uuid: fc.uuid(),
  uri: fc.webUrl(),
  "uri-reference": fc.webUrl(),
  hostname: fc.domain(),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
};

/** The instance types to generate: `type` when present, else what the keywords suggest, else all. */
function typesFor(s: SchemaObject): string[] {
  const t = s.type;
  if (typeof t === "string") return [t];
  if (Array.isArray(t) && t.length > 0) return t.filter((x): x is string => typeof x === "string");
  const has = (...ks: string[]) => ks.some((k) => k in s);
  const out: string[] = [];
  if (has("properties", "required", "additionalProperties", "patternProperties", "minProperties"))
    out.push("object");
  if (has("items", "prefixItems", "minItems", "maxItems", "contains", "additionalItems")) out.push("array");
  if (has("minLength", "maxLength", "pattern", "format")) out.push("string");
  if (has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")) out.push("number");
  return out.length > 0 ? out : ["null", "boolean", "integer", "number", "string", "array", "object", "any"];
}

/** A conjunction good enough for generation: keywords of `b` win, except the ones that combine. */
function mergeSchemas(a: SchemaObject, b: SchemaObject): SchemaObject {
  const out: SchemaObject = { ...a, ...b };
  if (isObject(a.properties) && isObject(b.properties)) out.properties = { ...a.properties, ...b.properties };
  if (Array.isArray(a.required) && Array.isArray(b.required))
    out.required = [...new Set([...a.required, ...b.required])];
  if (a.type !== undefined && b.type !== undefined) {
    const ta = new Set(typesFor(a));
    const both = typesFor(b).filter(
      (t) => ta.has(t) || (t === "integer" && ta.has("number")) || (t === "number" && ta.has("integer")),
    );
    const narrowed = both.map((t) =>
      t === "number" && ta.has("integer") && !ta.has("number") ? "integer" : t,
    );
    if (narrowed.length > 0) out.type = narrowed;
  }
  if (Array.isArray(a.allOf) && Array.isArray(b.allOf)) out.allOf = [...a.allOf, ...b.allOf];
  return out;
}
