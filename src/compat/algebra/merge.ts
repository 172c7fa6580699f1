import { acceptsEverything, canonical, isObject, type SchemaObject } from "../schema-walk.js";
import { strings } from "./bounds.js";

/**
 * Keywords whose meaning depends on another keyword of the same schema object: spread over two parts
 * of a conjunction and merged into one object, they would start to act on each other (`items` array
 * + another part's `additionalItems`, `contains` + another part's `maxContains`, `if` + another
 * part's `else`, `minimum` + another part's draft-04 `exclusiveMinimum: true`), which can make the
 * merged schema narrower than the conjunction — unsound for a writer and a reader alike.
 */
const COUPLED: readonly (readonly string[])[] = [
  ["items", "prefixItems", "additionalItems"],
  ["contains", "minContains", "maxContains"],
  ["if", "then", "else"],
  ["minimum", "exclusiveMinimum"],
  ["maximum", "exclusiveMaximum"],
];

/**
 * The conjunction of `parts` as one schema object, where that is a plain union of constraints:
 * properties intersected per key (nested allOf), required united, types intersected, keywords only
 * one part sets. Undefined when it is not (two parts set the same keyword differently, or coupled
 * keywords are spread over parts).
 *
 * `exact` (for a reader, which may not grow): also undefined where the merged object would accept
 * more than the conjunction — another part's property names, patterns or `unevaluated*` meeting a
 * part's `additionalProperties`. Without it (a writer, which may grow) such merges stay. In both
 * cases `parts[0]` is the outer schema and the others its in-place applicators (a `$ref` target, an
 * allOf member, the anyOf branch a value takes): its `unevaluated*` sees what they evaluate.
 */
export function mergeSchemas(parts: unknown[], exact = false): SchemaObject | undefined {
  const objects: SchemaObject[] = [];
  for (const part of parts) {
    if (part === true) continue;
    if (!isObject(part)) return undefined;
    objects.push(part);
  }
  if (!coupledTogether(objects)) return undefined;
  if (exact && !exactlyMergeable(objects)) return undefined;
  const out: SchemaObject = {};
  for (const part of objects) {
    for (const [k, v] of Object.entries(part)) {
      if (!(k in out)) {
        out[k] = v;
        continue;
      }
      if (canonical(out[k]) === canonical(v)) continue;
      if (k === "required") {
        out[k] = [...new Set([...strings(out[k]), ...strings(v)])];
      } else if (k === "properties" && isObject(out[k]) && isObject(v)) {
        const props: SchemaObject = { ...(out[k] as SchemaObject) };
        for (const [name, s] of Object.entries(v))
          props[name] = name in props ? { allOf: [props[name], s] } : s;
        out[k] = props;
      } else if (k === "type") {
        const both = intersectTypes(out[k], v);
        if (both.length === 0) return { not: {} };
        out[k] = both;
      } else if (k === "enum" && Array.isArray(out[k]) && Array.isArray(v)) {
        const keep = new Set(v.map(canonical));
        const both = (out[k] as unknown[]).filter((x) => keep.has(canonical(x)));
        if (both.length === 0) return { not: {} };
        out[k] = both;
      } else if (k === "allOf" && Array.isArray(out[k]) && Array.isArray(v)) {
        out[k] = [...(out[k] as unknown[]), ...v];
      } else if (ANNOTATION_KEYS.has(k)) {
        // keep the first
      } else {
        return undefined;
      }
    }
  }
  return out;
}

const ANNOTATION_KEYS = new Set([
  "title",
  "description",
  "examples",
  "default",
  "$comment",
  "$schema",
  "$id",
]);

/** Instance types both `type` values allow ("number" includes "integer"). */
function intersectTypes(a: unknown, b: unknown): string[] {
  const expand = (t: unknown): Set<string> => {
    const list = typeof t === "string" ? [t] : Array.isArray(t) ? t.filter((x) => typeof x === "string") : [];
    const set = new Set(list as string[]);
    if (set.has("number")) set.add("integer");
    return set;
  };
  const x = expand(a);
  const y = expand(b);
  const both = [...x].filter((t) => y.has(t));
  // "integer" is implied by "number"; listing both is harmless but noisy.
  return both.includes("number") ? both.filter((t) => t !== "integer") : both;
}

function coupledTogether(parts: readonly SchemaObject[]): boolean {
  for (const group of COUPLED) {
    const projections = new Set<string>();
    for (const p of parts) {
      const keys = group.filter((k) => k in p);
      if (keys.length === 0) continue;
      // A number exclusiveMinimum is independent of minimum; only draft-04's boolean couples them.
      if (group[0] === "minimum" || group[0] === "maximum") {
        if (!parts.some((q) => typeof q[group[1]!] === "boolean")) continue;
      }
      projections.add(canonical(Object.fromEntries(keys.map((k) => [k, p[k]]))));
    }
    if (projections.size > 1) return false;
  }
  return true;
}

function exactlyMergeable(parts: readonly SchemaObject[]): boolean {
  if (parts.length <= 1) return true;
  for (const [i, p] of parts.entries()) {
    // An inner part's unevaluated* would see the other parts' properties once merged.
    if (i > 0 && (p.unevaluatedProperties !== undefined || p.unevaluatedItems !== undefined)) return false;
    if (p.additionalProperties === undefined || acceptsEverything(p.additionalProperties, false)) continue;
    // Keys another part declares (or matches by pattern) are additional here: merged, they would not be.
    const own = isObject(p.properties) ? p.properties : {};
    for (const [j, q] of parts.entries()) {
      if (i === j) continue;
      const names = isObject(q.properties) ? Object.keys(q.properties) : [];
      if (names.some((n) => !(n in own))) return false;
      if (
        q.patternProperties !== undefined &&
        canonical(q.patternProperties) !== canonical(p.patternProperties)
      )
        return false;
      if (
        q.additionalProperties !== undefined &&
        canonical(q.additionalProperties) !== canonical(p.additionalProperties)
      )
        return false;
    }
  }
  return true;
}
