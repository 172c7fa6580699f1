import { existsSync, readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostic } from "../../diagnostics/index.js";
import { EventlineError } from "../../errors.js";

export const DEFAULT_ACKNOWLEDGED_FILE = ".eventline/acknowledged.yaml";

export interface Acknowledgement {
  fingerprint: string;
  reason: string;
  /** `YYYY-MM-DD`; the acknowledgement no longer applies after that day. */
  expires?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the acknowledgements file: a list (or `{acknowledged: [...]}`) of
 * `{fingerprint, reason, expires?}`. A missing default file means none; a missing explicit file or a
 * malformed one is bad input, reported with file:line.
 */
export function loadAcknowledgements(path: string, name: string, explicit: boolean): Acknowledgement[] {
  if (!existsSync(path)) {
    if (!explicit) return [];
    throw new EventlineError("INPUT_NOT_FOUND", `acknowledgements file ${name} does not exist`, {
      file: name,
    });
  }
  const text = readFileSync(path, "utf8");
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const bad = (message: string, node?: unknown, offset?: number): never => {
    const at = offset ?? (node as Node | undefined)?.range?.[0] ?? 0;
    const { line, col } = lc.linePos(at);
    throw new EventlineError("INPUT_INVALID", `${name}:${line}:${col}: ${message}`, {
      file: name,
      line,
      column: col,
      hint: "Each entry needs `fingerprint` (from the report), `reason`, and optionally `expires: YYYY-MM-DD`.",
    });
  };
  const syntax = doc.errors[0];
  if (syntax) bad(`${syntax.message.split("\n")[0]} (${syntax.code})`, undefined, syntax.pos[0]);
  if (doc.contents === null) return [];
  let list: unknown = doc.contents;
  if (isMap(list)) {
    const inner = list.get("acknowledged", true);
    if (!inner) bad("expected a list of acknowledgements (or a map with an `acknowledged` list)", list);
    list = inner;
  }
  if (!isSeq(list)) return bad("expected a list of acknowledgements", list);
  const out: Acknowledgement[] = [];
  for (const item of list.items) {
    if (!isMap(item)) return bad("an acknowledgement must be a map", item);
    const value = (key: string): unknown => item.get(key);
    const node = (key: string): unknown => item.get(key, true) ?? item;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!["fingerprint", "reason", "expires"].includes(key)) bad(`unknown key "${key}"`, pair.key);
    }
    const fp = value("fingerprint");
    if (typeof fp !== "string" || !/^[0-9a-f]{16}$/.test(fp))
      bad("`fingerprint` must be the 16 hex digit fingerprint shown in the report", node("fingerprint"));
    const reason = value("reason");
    if (typeof reason !== "string" || reason.trim() === "")
      bad("`reason` must be a non-empty string", node("reason"));
    const expires = value("expires");
    const ack: Acknowledgement = { fingerprint: fp as string, reason: reason as string };
    if (expires !== undefined) {
      if (typeof expires !== "string" || !DATE.test(expires) || Number.isNaN(Date.parse(expires)))
        bad("`expires` must be a date written YYYY-MM-DD", node("expires"));
      ack.expires = expires as string;
    }
    out.push(ack);
  }
  return out;
}

/** Marks acknowledged changes; `today` is `YYYY-MM-DD` (UTC). An acknowledgement expiring today still applies. */
export function applyAcknowledgements(
  changes: readonly Diagnostic[],
  acks: readonly Acknowledgement[],
  today: string,
): Diagnostic[] {
  if (acks.length === 0) return [...changes];
  const byFingerprint = new Map(acks.map((a) => [a.fingerprint, a]));
  return changes.map((c) => {
    const ack = byFingerprint.get(c.fingerprint);
    if (!ack) return c;
    const expired = ack.expires !== undefined && ack.expires < today;
    return {
      ...c,
      acknowledged: { reason: ack.reason, ...(ack.expires ? { expires: ack.expires } : {}), expired },
    };
  });
}
