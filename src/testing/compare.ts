// Observable behaviour and its comparison: the service's state plus what it published, outgoing
// events deduplicated by `ce_id` (an event re-sent with the same id is harmless; one re-sent with a
// fresh id is a duplicate effect).
import type { OutputRecord } from "./world.js";

export interface Observed {
  state: unknown;
  /** Published records without envelope ids or times, deduplicated by ce_id, sorted. */
  published: string[];
}

export function observe(state: unknown, outputs: readonly OutputRecord[]): Observed {
  const seen = new Set<string>();
  const published: string[] = [];
  for (const o of outputs) {
    const id = `${o.topic}\u0000${o.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    published.push(canonical({ topic: o.topic, type: o.type, key: o.key, payload: o.payload }));
  }
  return { state: canonicalValue(state), published: published.sort() };
}

/** JSON with sorted object keys (Maps and Sets as sorted entries), so equal states print equally. */
export function canonical(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? "undefined";
}

export function canonicalValue(value: unknown): unknown {
  if (value instanceof Map)
    return canonicalValue(Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), v])));
  if (value instanceof Set)
    return [...value].map(canonicalValue).sort((a, b) => canonical(a).localeCompare(canonical(b)));
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonicalValue((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Where `a` and `b` differ: `/state/stock/sku-1: 2 → 3`, at most `limit` lines. */
export function diff(a: unknown, b: unknown, pointer = "", out: string[] = [], limit = 12): string[] {
  if (out.length >= limit) return out;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  if (ja === jb) return out;
  const bothObjects =
    a !== null &&
    b !== null &&
    typeof a === "object" &&
    typeof b === "object" &&
    Array.isArray(a) === Array.isArray(b);
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
    for (const k of keys)
      diff(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        out,
        limit,
      );
    return out;
  }
  const show = (v: string | undefined) =>
    v === undefined ? "(absent)" : v.length > 80 ? `${v.slice(0, 77)}...` : v;
  out.push(`${pointer || "/"}: expected ${show(ja)}, got ${show(jb)}`);
  return out;
}
