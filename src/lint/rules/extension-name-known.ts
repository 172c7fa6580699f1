import { escapeSegment } from "../../schema/pointer.js";
import { nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

export type Place = "document" | "info" | "channel" | "message" | "operation";

/** Where Eventline reads each extension. Anything else named x-eventline-* is a typo or misplaced. */
const KNOWN: Record<Place, readonly string[]> = {
  document: ["x-eventline-compatibility", "x-eventline-service", "x-eventline-owner"],
  info: ["x-eventline-owner"],
  channel: ["x-eventline-ordering"],
  message: ["x-eventline-partition-key", "x-eventline-version", "x-eventline-compatibility"],
  operation: ["x-eventline-dead-letter", "x-eventline-idempotency-key"],
};

const ALL = [...new Set(Object.values(KNOWN).flat())];
const PLACE_NAME: Record<Place, string> = {
  document: "the document root",
  info: "info",
  channel: "the channel",
  message: "the message",
  operation: "the receive operation",
};

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The known name a misspelling most likely meant: same letters modulo case and separators, or ≤ 2
 * edits. On a tie, a name read at `place` wins over one read elsewhere.
 */
export function nearestExtension(name: string, place?: Place): string | undefined {
  const here = (k: string) => (place !== undefined && KNOWN[place].includes(k) ? 0 : 1);
  const exact = ALL.filter((k) => normalise(k) === normalise(name)).sort((a, b) => here(a) - here(b));
  if (exact[0] !== undefined) return exact[0];
  let best: { name: string; d: number } | undefined;
  for (const k of ALL) {
    const d = distance(name.toLowerCase(), k) * 2 + here(k);
    if (d <= 5 && (!best || d < best.d)) best = { name: k, d };
  }
  return best?.name;
}

/** Where a known extension is read, for messages: "the channel", "the document root or info". */
function homeOf(name: string): string {
  const places = (Object.keys(KNOWN) as Place[]).filter((p) => KNOWN[p].includes(name));
  return places.map((p) => PLACE_NAME[p]).join(" or ");
}

function problem(name: string, place: Place): string | undefined {
  if (KNOWN[place].includes(name)) return undefined;
  if (ALL.includes(name))
    return `${name} belongs on ${homeOf(name)}, not on ${PLACE_NAME[place]}; Eventline ignores it here`;
  const near = nearestExtension(name, place);
  if (near === undefined) return `${name} is not an Eventline extension; Eventline ignores it`;
  // Fixing the spelling alone would leave a misplaced key: say where the meant one goes, too.
  const elsewhere = KNOWN[place].includes(near) ? "" : ` (it belongs on ${homeOf(near)})`;
  return `${name} is not an Eventline extension; did you mean ${near}?${elsewhere}`;
}

/** Owns the names of `x-eventline-*` keys; their values are the other rules' business. */
export const extensionNameKnown: LintRule = {
  id: "extension-name-known",
  description: "Every x-eventline-* key is one Eventline reads, at a place where it reads it.",
  defaultSeverity: "error",
  hint:
    "Eventline silently ignores an extension it does not know or finds in the wrong place, so a typo " +
    "turns off the setting you meant (ordering, partition key, dead letter…). Fix the spelling, or move " +
    "the key to where docs/rules/extension-name-known.md says it is read.",
  docs: "docs/rules/extension-name-known.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    const visit = (extensions: unknown, place: Place, at: LintFinding["at"]) => {
      if (extensions === null || typeof extensions !== "object") return;
      for (const key of Object.keys(extensions)) {
        // Only the service carries `info` keys, prefixed `info/` by the loader.
        const inInfo = place === "document" && key.startsWith("info/");
        const name = inInfo ? key.slice("info/".length) : key;
        const message = problem(name, inInfo ? "info" : place);
        if (message)
          findings.push({
            message,
            at,
            subPointer: `${inInfo ? "/info" : ""}/${escapeSegment(name)}`,
            key: name,
          });
      }
    };
    for (const s of nodes(catalog.services)) visit(s.extensions, "document", s.source);
    for (const c of nodes(catalog.channels)) visit(c.extensions, "channel", c.source);
    for (const m of nodes(catalog.messages)) visit(m.extensions, "message", m.source);
    for (const o of nodes(catalog.operations)) visit(o.extensions, "operation", o.source);
    return findings;
  },
};
