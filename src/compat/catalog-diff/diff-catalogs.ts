import { compareDiagnostics, type Diagnostic, fingerprint, severityRank } from "../../diagnostics/index.js";
import {
  type Catalog,
  COMPATIBILITY_MODES,
  type CompatibilityMode,
  type Message,
  type Operation,
} from "../../model/types.js";
import { decycle } from "../../schema/decycle.js";
import { isSubset } from "../is-subset.js";
import { familyOf } from "../mode-severity.js";
import { checkCompatibility, type DirectedFinding } from "../modes.js";
import { byId, matchCatalogs } from "./match.js";
import { CATALOG_RULES } from "./registry.js";
import type {
  Affected,
  AnyCatalogRule,
  ConsumerImpact,
  DiffCatalogsOptions,
  DiffPair,
  RuleContext,
  RuleFinding,
} from "./types.js";

/**
 * Document-level compatibility of two catalogs: match old and new elements by stable
 * keys, run every registered rule on every pair, and list the consumers of each breaking message
 * change. Returns data in a deterministic order; it never throws for odd documents.
 */
export function diffCatalogs(
  oldCatalog: Catalog,
  newCatalog: Catalog,
  options: DiffCatalogsOptions = {},
): Diagnostic[] {
  return diffCatalogSubjects(oldCatalog, newCatalog, options).map((c) => c.diagnostic);
}

/** What a change is about: the service whose element changed and, for a message change, the message. */
export interface DiffSubject {
  serviceId: string;
  /** Message id on the new side, else the old (a removed message). */
  messageId?: string;
}

/** A change and every element it was found on (one shared message definition is found on each use). */
export interface SubjectChange {
  diagnostic: Diagnostic;
  subjects: DiffSubject[];
}

/**
 * {@link diffCatalogs} with each change's subjects, so a caller can show a message's or a service's
 * own changes (the catalog's version history does) without guessing them from file positions.
 */
export function diffCatalogSubjects(
  oldCatalog: Catalog,
  newCatalog: Catalog,
  options: DiffCatalogsOptions = {},
): SubjectChange[] {
  const match = matchCatalogs(oldCatalog, newCatalog);
  const cx = createContext(oldCatalog, newCatalog, options);
  const pairs: DiffPair[] = [
    ...match.channels.matched.map((m) => ({ kind: "channel" as const, old: m.old, new: m.new })),
    ...match.channels.removed.map((c) => ({ kind: "channel" as const, old: c })),
    ...match.operations.matched.map((m) => ({ kind: "operation" as const, ...m })),
    ...match.operations.removed.map((o) => ({
      kind: "operation" as const,
      old: o,
      ...withChannel(oldCatalog, o),
    })),
    ...match.messages.matched.map((m) => ({ kind: "message" as const, old: m.old, new: m.new })),
    ...match.messages.removed.map((u) => ({ kind: "message" as const, old: u })),
    // Additions break nobody; they are listed so the report describes the whole change.
    ...match.channels.added.map((c) => ({ kind: "channel" as const, new: c })),
    ...match.operations.added.map((o) => ({
      kind: "operation" as const,
      new: o,
      ...newChannelOf(newCatalog, o),
    })),
    ...match.messages.added.map((u) => ({ kind: "message" as const, new: u })),
  ];
  const out: SubjectChange[] = [];
  /** Fingerprint → index in `out`. */
  const seen = new Map<string, number>();
  for (const pair of pairs) {
    for (const rule of CATALOG_RULES as readonly AnyCatalogRule[]) {
      for (const f of runRule(rule, pair, cx)) {
        const family = familyOf(pairMode(pair, cx));
        const severity = family === "NONE" ? rule.severity.NONE : (f.severity ?? rule.severity[family]);
        const change: Diagnostic = {
          ruleId: rule.id,
          severity,
          breaking: f.breaking ?? severity === "error",
          message: f.message,
          file: f.source.file,
          pointer: f.source.pointer,
          line: f.source.line,
          column: f.source.column,
          hint: rule.hint,
          fingerprint: fingerprint(rule.id, f.source.file, f.source.pointer, f.key),
        };
        if (f.witnessStatus) {
          if (f.witness !== undefined) change.witness = f.witness;
          if (f.witnessPointer !== undefined) change.witnessPointer = f.witnessPointer;
          change.witnessStatus = f.witnessStatus;
          if (f.witnessReason !== undefined) change.witnessReason = f.witnessReason;
        }
        if (change.breaking && f.affects?.length)
          change.consumers = consumerImpact(f.affects, cx, newCatalog, options);
        // A message definition shared by several services' documents (producer and consumer $ref one
        // definition) changed once: report it once, at the most severe of the uses' modes (one may be
        // NONE, another BACKWARD), found first on a tie.
        const at = seen.get(change.fingerprint);
        const subject = subjectOf(pair);
        if (at === undefined) {
          seen.set(change.fingerprint, out.length);
          out.push({ diagnostic: change, subjects: [subject] });
        } else {
          const kept = out[at] as SubjectChange;
          if (severityRank(change.severity) > severityRank(kept.diagnostic.severity))
            kept.diagnostic = change;
          kept.subjects.push(subject);
        }
      }
    }
  }
  return out.sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic));
}

function subjectOf(pair: DiffPair): DiffSubject {
  if (pair.kind === "message") {
    const use = (pair.new ?? pair.old) as NonNullable<typeof pair.old>;
    return { serviceId: use.serviceId, messageId: use.message.id };
  }
  return { serviceId: ((pair.new ?? pair.old) as { serviceId: string }).serviceId };
}

/** The mode a pair is judged in: its message's (new side first), else its service document's. */
function pairMode(pair: DiffPair, cx: RuleContext): CompatibilityMode {
  if (pair.kind === "message") {
    if (pair.new) return cx.modeOf(pair.new, "new");
    if (pair.old) return cx.modeOf(pair.old, "old");
  } else {
    if (pair.new) return cx.serviceMode(pair.new.serviceId, "new");
    if (pair.old) return cx.serviceMode(pair.old.serviceId, "old");
  }
  return cx.options.mode ?? "BACKWARD";
}

/** The registry guarantees `rule.kind === pair.kind`; the check here keeps it true at runtime too. */
function runRule(rule: AnyCatalogRule, pair: DiffPair, cx: RuleContext): RuleFinding[] {
  if (rule.kind !== pair.kind) return [];
  return (rule.check as (p: DiffPair, c: RuleContext) => RuleFinding[])(pair, cx);
}

function newChannelOf(catalog: Catalog, op: Operation) {
  const ch = catalog.channels.find((c) => c.id === op.channelId);
  return ch ? { newChannel: ch } : {};
}

function withChannel(catalog: Catalog, op: Operation) {
  const ch = catalog.channels.find((c) => c.id === op.channelId);
  return ch ? { oldChannel: ch } : {};
}

function createContext(oldCatalog: Catalog, newCatalog: Catalog, options: DiffCatalogsOptions): RuleContext {
  const services = { old: byId(oldCatalog.services), new: byId(newCatalog.services) };
  const memo = new Map<string, DirectedFinding[]>();
  const readers = receiveIndex(newCatalog);
  const cx: RuleContext = {
    old: oldCatalog,
    new: newCatalog,
    options,
    modeOf(use, which) {
      return asMode(use.message.compatibility) ?? cx.serviceMode(use.serviceId, which);
    },
    serviceMode(serviceId, which) {
      return asMode(services[which].get(serviceId)?.compatibility) ?? options.mode ?? "BACKWARD";
    },
    schemaFindings(pair, part) {
      const mode = cx.modeOf(pair.new, "new");
      const key = `${part}\u0000${mode}\u0000${pair.old.message.id}\u0000${pair.new.message.id}\u0000${pair.new.serviceId}\u0000${pair.new.channel.id}`;
      let found = memo.get(key);
      if (!found) {
        const a = decycle(pair.old.message[part]?.resolved);
        const b = decycle(pair.new.message[part]?.resolved);
        // Not comparable (unparsed documents, or a part added or dropped): absent means "anything".
        found =
          a === undefined && b === undefined
            ? []
            : checkCompatibility([a ?? {}, b ?? {}], mode, options.subset ?? {}, undefined, {
                examples: [examplesOf(pair.old.message, part), examplesOf(pair.new.message, part)],
              });
        memo.set(key, found);
      }
      return found;
    },
    consumersOf(address, messageName) {
      return readers.get(`${address}\u0000${messageName}`) ?? [];
    },
  };
  return cx;
}

/** The message's documented payloads (or headers): whole-message witnesses are built from them. */
function examplesOf(message: Message, part: "payload" | "headers"): unknown[] {
  return message.examples.flatMap((e) => (e[part] === undefined ? [] : [e[part]]));
}

function asMode(value: unknown): CompatibilityMode | undefined {
  const v = typeof value === "string" ? value.toUpperCase() : undefined;
  return (COMPATIBILITY_MODES as readonly string[]).includes(v ?? "") ? (v as CompatibilityMode) : undefined;
}

type Use = { operation: Operation; message: Message };

/** (address, message name) → receive operations of the catalog, sorted by operation id. */
function receiveIndex(catalog: Catalog, action: "send" | "receive" = "receive"): Map<string, Use[]> {
  const channels = byId(catalog.channels);
  const messages = byId(catalog.messages);
  const index = new Map<string, Use[]>();
  const ops = [...catalog.operations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const operation of ops) {
    if (operation.action !== action) continue;
    const ch = channels.get(operation.channelId);
    if (!ch) continue;
    const address = ch.address ?? ch.key;
    const names = new Set<string>();
    for (const id of operation.messageIds) {
      const message = messages.get(id);
      if (!message || names.has(message.name)) continue;
      names.add(message.name);
      const k = `${address}\u0000${message.name}`;
      const list = index.get(k) ?? [];
      list.push({ operation, message });
      index.set(k, list);
    }
  }
  return index;
}

const writerIndexes = new WeakMap<Catalog, Map<string, Use[]>>();

/**
 * Every receive operation of the new catalog that reads the affected message, whether it breaks and
 * why: its own schema against what every producer left in the new catalog writes, and against what
 * was written before the change.
 */
function consumerImpact(
  affects: readonly Affected[],
  cx: RuleContext,
  catalog: Catalog,
  options: DiffCatalogsOptions,
): ConsumerImpact[] {
  let writers = writerIndexes.get(catalog);
  if (!writers) {
    writers = receiveIndex(catalog, "send");
    writerIndexes.set(catalog, writers);
  }
  const out = new Map<string, ConsumerImpact>();
  for (const a of affects) {
    const producers = writers.get(`${a.address}\u0000${a.messageName}`) ?? [];
    const part = a.part ?? "payload";
    for (const c of cx.consumersOf(a.address, a.messageName)) {
      const reader = decycle(c.message[part]?.resolved);
      const readable = (writer: unknown) =>
        reader === undefined ||
        writer === undefined ||
        isSubset(writer, reader, options.subset ?? {}).length === 0;
      // Judged both ways: what the producers now send, and what was written before the change,
      // which stays on the topic until retention removes it (the BACKWARD case for a consumer that
      // reads with the new schema).
      let reason: string | undefined;
      if (producers.length > 0) {
        if (!producers.every((p) => readable(decycle(p.message[part]?.resolved))))
          reason = "its schema rejects messages the producers now send";
      } else if (a.producerGone) reason = "nothing in the new catalog produces the message any more";
      else if (!readable(a.fallbackWriter)) reason = "its schema rejects messages written as before";
      if (reason === undefined && a.part !== undefined && !readable(a.fallbackWriter))
        reason =
          "its schema rejects messages written before the change, which stay on the topic until retention removes them";
      const k = c.operation.id;
      const prev = out.get(k);
      if (prev?.breaks) continue;
      out.set(k, {
        serviceId: c.operation.serviceId,
        operationId: c.operation.id,
        breaks: reason !== undefined,
        reason:
          reason ??
          (a.part !== undefined
            ? "its schema reads both the messages written before the change and what the producers now send"
            : "its schema reads what the producers now send"),
      });
    }
  }
  return [...out.values()].sort((x, y) =>
    x.operationId < y.operationId ? -1 : x.operationId > y.operationId ? 1 : 0,
  );
}
