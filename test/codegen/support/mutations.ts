// Deterministic mutations of a JSON instance: each is a small change likely to cross a schema's edge
// (a type swapped, a property removed or added, an item of the wrong kind, a bound crossed).

const SWAPS: unknown[] = [null, 0, -1, 1.5, "", "x", true, [], {}];

export function mutations(value: unknown, depth = 0): unknown[] {
  const out: unknown[] = SWAPS.filter(
    (s) => typeof s !== typeof value || Array.isArray(s) !== Array.isArray(value),
  );
  if (typeof value === "string") out.push(`${value}!`, value.slice(1), "not-a-date", "2024-02-30T10:00:00Z");
  if (typeof value === "number") out.push(value + 1, -value - 1, value + 0.5, 1e9);
  if (Array.isArray(value)) {
    out.push([...value, "extra"], value.slice(1), [...value, ...value]);
    if (depth < 2 && value.length > 0)
      for (const m of mutations(value[0], depth + 1).slice(0, 4)) out.push([m, ...value.slice(1)]);
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    out.push({ ...record, "zz-extra": 1 });
    for (const key of Object.keys(record)) {
      const { [key]: _removed, ...rest } = record;
      out.push(rest);
      if (depth < 2)
        for (const m of mutations(record[key], depth + 1).slice(0, 3)) out.push({ ...record, [key]: m });
    }
  }
  return out;
}
