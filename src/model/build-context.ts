import type { Diagnostic } from "../diagnostics/index.js";
import { appendPointer, getAtPointer, parsePointer } from "../schema/pointer.js";
import { child, type FileLookup, followRefs, type Located, resolvePointer } from "./ref-walk.js";
import type { SourceFile } from "./source-file.js";
import type { Channel, Message, Operation, SchemaRef, Service, SourceLocation } from "./types.js";

/** What one document contributes to the catalog; plain data, so it can be cached on disk. */
export interface DocumentModel {
  file: string;
  /** Other files this document reads through `$ref`s (relative names). */
  dependencies?: string[];
  service?: Service;
  channels: Channel[];
  messages: Message[];
  operations: Operation[];
  diagnostics: Diagnostic[];
}

/** Walks the raw document (for identity and positions) alongside the parser's resolved one (for values). */
export class BuildContext {
  readonly lookup: FileLookup;
  private readonly messageMemo = new Map<string, Message>();
  /** In an already-dereferenced document (the Spectral case) one message object appears at several pointers. */
  private readonly messageByValue = new Map<object, Message>();

  constructor(
    readonly document: SourceFile,
    readonly files: ReadonlyMap<string, SourceFile>,
    readonly resolved: unknown,
  ) {
    this.lookup = (path) => files.get(path);
  }

  get rootLocated(): Located {
    return { file: this.document, pointer: "", value: this.document.value };
  }

  location(at: Located): SourceLocation {
    const pos = at.file.locate(at.pointer);
    return { file: at.file.name, pointer: at.pointer, line: pos.line, column: pos.column };
  }

  /** Child as written (a `$ref` node stays a `$ref` node). */
  rawChild(parent: Located, ...segments: (string | number)[]): Located | undefined {
    const base = followRefs(parent, this.lookup) ?? parent;
    return resolvePointer(base.file, appendPointer(base.pointer, ...segments), this.lookup);
  }

  /** Child after following `$ref`s. */
  child(parent: Located, ...segments: (string | number)[]): Located | undefined {
    return child(parent, this.lookup, ...segments);
  }

  follow(at: Located): Located {
    return followRefs(at, this.lookup) ?? at;
  }

  resolvedAt(logicalPointer: string): unknown {
    return this.resolved === undefined ? undefined : getAtPointer(this.resolved, logicalPointer);
  }

  schemaRef(
    parent: Located,
    key: string,
    logicalPointer: string,
    schemaFormat?: string,
  ): SchemaRef | undefined {
    const raw = this.rawChild(parent, key);
    if (!raw || raw.value === undefined || raw.value === null) {
      // Applied by a trait (or a YAML merge the parser performed): only the resolved copy has it.
      const fromTraits = this.resolvedAt(appendPointer(logicalPointer, key));
      if (fromTraits === undefined || fromTraits === null) return undefined;
      const at = this.location(this.follow(parent));
      const ref: SchemaRef = { raw: fromTraits, resolved: fromTraits, source: at, definition: at };
      if (schemaFormat !== undefined) ref.schemaFormat = schemaFormat;
      return ref;
    }
    let rawNode = raw;
    let format = schemaFormat;
    let logical = appendPointer(logicalPointer, key);
    // AsyncAPI 3 Multi Format Schema Object: { schemaFormat, schema }.
    const followed = this.follow(raw);
    if (
      isRecord(followed.value) &&
      typeof followed.value.schemaFormat === "string" &&
      "schema" in followed.value
    ) {
      format = followed.value.schemaFormat;
      rawNode = this.rawChild(followed, "schema") ?? raw;
      logical = appendPointer(logical, "schema");
    }
    let resolved = this.resolvedAt(logical);
    if (resolved === undefined && logical.endsWith("/schema"))
      resolved = this.resolvedAt(logical.slice(0, -"/schema".length));
    const ref: SchemaRef = {
      raw: rawNode.value,
      resolved,
      source: this.location(rawNode),
      definition: this.location(this.follow(rawNode)),
    };
    if (format !== undefined) ref.schemaFormat = format;
    return ref;
  }

  messageFor(definition: Located, build: () => Message): Message {
    const id = messageId(definition);
    const value = definition.value;
    let message = this.messageMemo.get(id) ?? (isRecord(value) ? this.messageByValue.get(value) : undefined);
    if (!message) {
      message = build();
      this.messageMemo.set(id, message);
      if (isRecord(value)) this.messageByValue.set(value, message);
    }
    return message;
  }

  get messages(): Message[] {
    return [...this.messageMemo.values()];
  }
}

export function messageId(definition: Located): string {
  return `${definition.file.name}#${definition.pointer}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function tagNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t) => (isRecord(t) && typeof t.name === "string" ? [t.name] : []));
}

/** The components key when the definition lives at `/components/messages/<key>`. */
export function componentKey(definition: Located, kind: string): string | undefined {
  const segments = parsePointer(definition.pointer);
  if (segments && segments.length === 3 && segments[0] === "components" && segments[1] === kind)
    return segments[2];
  return undefined;
}

/** A Kafka binding field given as a schema (`{type: string, enum: [g]}`) or, loosely, as a string. */
export function schemaConstant(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!isRecord(value)) return undefined;
  if (typeof value.const === "string") return value.const;
  if (Array.isArray(value.enum) && value.enum.length === 1 && typeof value.enum[0] === "string")
    return value.enum[0];
  if (typeof value.default === "string") return value.default;
  return undefined;
}

export function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s === "" ? "service" : s;
}

/** The `x-eventline-*` entries of a node, as written. */
export function eventlineExtensions(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k.startsWith("x-eventline-")) out[k] = v;
  return out;
}
