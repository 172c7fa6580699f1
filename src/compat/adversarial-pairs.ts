// Schema pairs built to make the engine's shortcuts wrong: every keyword that acts on another one
// (combinators beside keywords, `$ref` with siblings and shared targets, finite writers, overlapping
// patterns, conditionals, unevaluated*, drafts that lack a keyword) appears in a small universe of
// keys and values, and the reader is the writer changed in one to three places, so that the pairs
// are near each other and "compatible" is a frequent, checkable claim.
import fc from "fast-check";
import { subschemas } from "./schema-check.js";
import { isObject, type SchemaObject } from "./schema-walk.js";

export interface SchemaPair {
  writer: unknown;
  reader: unknown;
}

const D2020 = "https://json-schema.org/draft/2020-12/schema";
/** Instance values the schemas talk about, so that valid instances of one schema are common. */
const VALUES: readonly unknown[] = [
  "a",
  "b",
  "ab",
  "",
  "x@y.io",
  "2020-01-01",
  0,
  1,
  2,
  0.5,
  3,
  -1,
  null,
  true,
  {},
  [],
];
const KEYS = ["a", "b", "ab"];
const PATTERNS = ["^a", "^ab", "b$", "^[ab]+$"];
const REFS = ["#/$defs/A", "#/$defs/B"];

type Arb = fc.Arbitrary<SchemaObject>;

const value = fc.constantFrom(...VALUES);
const count = fc.integer({ min: 0, max: 3 });

/** One to `max` of the keywords in `arbs`, each drawn from its arbitrary (every subset is likely). */
function some(arbs: Record<string, fc.Arbitrary<unknown>>, max: number): Arb {
  return fc
    .shuffledSubarray(Object.keys(arbs), { minLength: 1, maxLength: max })
    .chain((names) => fc.record(Object.fromEntries(names.map((n) => [n, arbs[n]!]))) as Arb);
}

/** Keywords of scalar instances, a few at a time. */
const scalar: Arb = some(
  {
    type: fc.oneof(
      fc.constantFrom("string", "number", "integer", "null", "boolean"),
      fc.subarray(["string", "number", "integer", "null"], { minLength: 1 }),
    ),
    enum: fc.uniqueArray(value, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) }),
    const: value,
    minLength: count,
    maxLength: count,
    pattern: fc.constantFrom(...PATTERNS),
    format: fc.constantFrom("email", "date"),
    minimum: fc.integer({ min: -1, max: 2 }),
    maximum: fc.integer({ min: 0, max: 3 }),
    exclusiveMinimum: fc.integer({ min: -1, max: 1 }),
    exclusiveMaximum: fc.integer({ min: 1, max: 3 }),
    multipleOf: fc.constantFrom(0.5, 1, 2, 0.1, 0.3),
  },
  2,
);

const tree = fc.letrec<{
  node: SchemaObject | boolean;
  obj: SchemaObject;
  arr: SchemaObject;
  comb: SchemaObject;
}>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: scalar, weight: 4 },
    { arbitrary: fc.constantFrom<SchemaObject | boolean>(true, false, {}), weight: 1 },
    { arbitrary: tie("obj"), weight: 2 },
    { arbitrary: tie("arr"), weight: 1 },
    { arbitrary: tie("comb"), weight: 3 },
  ),
  obj: fc
    .tuple(
      fc.boolean(),
      some(
        {
          properties: fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { minKeys: 1, maxKeys: 2 }),
          patternProperties: fc.dictionary(fc.constantFrom(...PATTERNS), tie("node"), {
            minKeys: 1,
            maxKeys: 2,
          }),
          additionalProperties: tie("node"),
          unevaluatedProperties: tie("node"),
          required: fc.subarray(KEYS, { minLength: 1 }),
          propertyNames: fc.constantFrom({ maxLength: 1 }, { pattern: "^a" }),
          dependentRequired: fc.constantFrom({ a: ["b"] }, { ab: ["a"] }),
          dependentSchemas: fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { minKeys: 1, maxKeys: 1 }),
          minProperties: count,
          maxProperties: count,
        },
        3,
      ),
    )
    .map(([typed, s]) => (typed ? { type: "object", ...s } : s)),
  arr: fc
    .tuple(
      fc.boolean(),
      some(
        {
          items: tie("node"),
          prefixItems: fc.array(tie("node"), { minLength: 1, maxLength: 2 }),
          contains: tie("node"),
          minContains: count,
          maxContains: count,
          minItems: count,
          maxItems: count,
          uniqueItems: fc.constant(true),
          unevaluatedItems: tie("node"),
        },
        3,
      ),
    )
    .map(([typed, s]) => (typed ? { type: "array", ...s } : s)),
  comb: fc.oneof(
    fc
      .tuple(
        fc.constantFrom("anyOf", "oneOf", "allOf"),
        fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
        fc.option(scalar, { nil: undefined }),
      )
      .map(([k, branches, beside]) => ({ ...beside, [k]: branches })),
    fc
      .tuple(tie("node"), fc.option(scalar, { nil: undefined }))
      .map(([n, beside]) => ({ ...beside, not: n })),
    fc
      .tuple(
        tie("node"),
        fc.option(tie("node")),
        fc.option(tie("node")),
        fc.option(scalar, { nil: undefined }),
      )
      .map(([cond, yes, no, beside]) => {
        const s: SchemaObject = { ...beside, if: cond };
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword.
        if (yes !== null) s.then = yes;
        if (no !== null) s.else = no;
        return s;
      }),
    fc
      .tuple(fc.constantFrom(...REFS), fc.option(fc.oneof(scalar, tie("obj")), { nil: undefined }))
      .map(([ref, beside]) => ({ ...beside, $ref: ref })),
  ),
}));

/** A whole document: a root schema and two shared definitions, in draft 2020-12 (mostly) or draft-07. */
export const adversarialSchema: fc.Arbitrary<SchemaObject> = fc
  .record({
    root: tree.node,
    a: tree.node,
    b: fc.oneof(scalar, tree.obj),
    draft: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ root, a, b, draft }) => {
    const base = isObject(root) ? root : root ? {} : { not: {} };
    // Only the root's own `$defs` are targets: a nested `$defs` would shadow nothing and confuse no one.
    const doc: SchemaObject = { ...base, $defs: { A: a, B: b } };
    // Draft-07 one time in five: its ajv ignores the 2020-12 keywords the document may use.
    if (draft < 8) doc.$schema = D2020;
    return doc;
  });

/** One change to a document at a place chosen by `where`: replace, add or drop a keyword, wrap, unwrap, nudge. */
function mutate(doc: SchemaObject, where: number, how: number, fresh: SchemaObject | boolean): SchemaObject {
  const copy = structuredClone(doc) as SchemaObject;
  // Places the root can reach: the definitions only when something refers to them.
  const places: SchemaObject[] = [];
  const referred = JSON.stringify(copy).includes('"$ref"');
  const visit = (node: unknown): void => {
    if (!isObject(node)) return;
    places.push(node);
    for (const [s, at] of subschemas(node, ""))
      if (referred || (at !== "/$defs/A" && at !== "/$defs/B")) visit(s);
  };
  visit(copy);
  const target = places[where % places.length]!;
  const keys = Object.keys(target).filter((k) => k !== "$defs" && k !== "$schema");
  const freshObject = isObject(fresh) ? fresh : {};
  switch (how % 7) {
    case 0: {
      // Replace: the place's keywords become the fresh schema's.
      for (const k of keys) delete target[k];
      Object.assign(target, fresh === false ? { not: {} } : freshObject);
      break;
    }
    case 1:
      Object.assign(target, freshObject);
      break;
    case 2:
      if (keys.length > 0) delete target[keys[how % keys.length]!];
      break;
    case 3: {
      const inner = Object.fromEntries(keys.map((k) => [k, target[k]]));
      for (const k of keys) delete target[k];
      const kw = ["anyOf", "oneOf", "allOf"][how % 3]!;
      target[kw] = [inner, fresh];
      break;
    }
    case 4: {
      for (const kw of ["anyOf", "oneOf", "allOf"]) {
        const list = target[kw];
        if (Array.isArray(list) && list.length > 0) {
          delete target[kw];
          const member = list[how % list.length];
          if (isObject(member)) Object.assign(target, member);
          break;
        }
      }
      break;
    }
    case 5: {
      for (const k of keys) {
        const v = target[k];
        if (typeof v === "number") target[k] = how % 2 === 0 ? v + 1 : v === 0 ? 1 : v / 2;
      }
      break;
    }
    default: {
      if (Array.isArray(target.enum)) {
        const extra = VALUES[how % VALUES.length];
        const has = target.enum.some((x) => JSON.stringify(x) === JSON.stringify(extra));
        target.enum = has
          ? target.enum.filter((x) => JSON.stringify(x) !== JSON.stringify(extra))
          : [...target.enum, extra];
        if ((target.enum as unknown[]).length === 0) delete target.enum;
      } else if (typeof target.$ref === "string") {
        target.$ref = target.$ref === REFS[0] ? REFS[1] : REFS[0];
      } else Object.assign(target, freshObject);
    }
  }
  return copy;
}

/**
 * Pairs of nearby schemas: a document and the same document changed in one to three places, in
 * either direction (writer = old or new).
 */
export const adversarialPair: fc.Arbitrary<SchemaPair> = fc
  .tuple(
    adversarialSchema,
    fc.array(fc.tuple(fc.nat(), fc.nat(), tree.node), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([doc, changes, flip]) => {
    let changed = doc;
    for (const [where, how, fresh] of changes) changed = mutate(changed, where, how, fresh);
    return flip ? { writer: changed, reader: doc } : { writer: doc, reader: changed };
  });
