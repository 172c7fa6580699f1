// Schemas no value satisfies both of, as far as a conservative look can tell.

import { canonical, finiteValues, isObject, rejectsEverything, typesOf } from "../schema-walk.js";
import { strings } from "./bounds.js";

/**
 * Conservative disjointness: true only when no value can satisfy both (different types, disjoint
 * const/enum sets, or a required property whose allowed constants are disjoint).
 */
export function disjoint(a: unknown, b: unknown, rootA: unknown, rootB: unknown): boolean {
  if (rejectsEverything(a) || rejectsEverything(b)) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (![...ta].some((t) => tb.has(t))) return true;
  const va = finiteValues(a);
  const vb = finiteValues(b);
  if (va && vb) {
    const sb = new Set(vb.map(canonical));
    if (!va.some((v) => sb.has(canonical(v)))) return true;
  }
  const pa = isObject(a.properties) ? a.properties : {};
  const pb = isObject(b.properties) ? b.properties : {};
  const ra = new Set(strings(a.required));
  const rb = new Set(strings(b.required));
  for (const name of Object.keys(pa)) {
    if (!(name in pb) || !(ra.has(name) || rb.has(name))) continue;
    const x = pa[name];
    const y = pb[name];
    if (!isObject(x) || !isObject(y)) continue;
    const vx = finiteValues(x);
    const vy = finiteValues(y);
    // Both sides constrain the key to constants and at least one side requires it.
    if (vx && vy && ra.has(name) && rb.has(name)) {
      const sy = new Set(vy.map(canonical));
      if (!vx.some((v) => sy.has(canonical(v)))) return true;
    }
    if (ra.has(name) && rb.has(name) && disjoint(x, y, rootA, rootB)) return true;
  }
  return false;
}
