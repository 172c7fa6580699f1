import type { CompatibilityMode } from "../../../model/types.js";
import { decycle } from "../../../schema/decycle.js";
import type { SubsetOptions } from "../../is-subset.js";
import { whenChecked } from "../../mode-severity.js";
import { checkCompatibility } from "../../modes.js";
import { useLabel } from "../describe.js";
import { defineRule, type MessageUse, type RuleFinding } from "../types.js";

/** `$message.header#/a/b` or `$message.payload#/a/b`: which part, and the instance path inside it. */
function parseLocation(location: string): { part: "headers" | "payload"; path: string[] } | undefined {
  const m = /^\$message\.(header|payload)(?:#(.*))?$/.exec(location.trim());
  if (!m) return undefined;
  const pointer = m[2] ?? "";
  if (pointer !== "" && !pointer.startsWith("/")) return undefined;
  const path =
    pointer === ""
      ? []
      : pointer
          .slice(1)
          .split("/")
          .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
  return { part: m[1] === "header" ? "headers" : "payload", path };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Follows a local `$ref` (decycled recursive schemas keep their cycles as `#/…` refs). */
function deref(node: unknown, root: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith("#")) return current;
    let target: unknown = root;
    for (const seg of ref
      .slice(2)
      .split("/")
      .filter((s) => s !== "")) {
      const key = decodeURIComponent(seg).replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
    }
    current = target;
  }
  return current;
}

/**
 * The schema a value at `path` inside an instance of `schema` must satisfy, and whether every step of
 * the path is required (else the correlation id may be absent). Undeclared steps fall back to
 * `additionalProperties` / `items`, and to `{}` (anything) in an open model.
 */
function schemaAt(schema: unknown, path: string[]): { schema: unknown; required: boolean } {
  let node = deref(schema, schema);
  let required = true;
  for (const seg of path) {
    if (node === false) return { schema: false, required };
    if (!isObject(node)) return { schema: {}, required: false };
    const props = isObject(node.properties) ? node.properties : {};
    if (seg in props) {
      required &&= Array.isArray(node.required) && node.required.includes(seg);
      node = deref(props[seg], schema);
    } else if (
      /^\d+$/.test(seg) &&
      Array.isArray(node.prefixItems) &&
      Number(seg) < node.prefixItems.length
    ) {
      required &&= typeof node.minItems === "number" && node.minItems > Number(seg);
      node = deref(node.prefixItems[Number(seg)], schema);
    } else if (/^\d+$/.test(seg) && (isObject(node.items) || typeof node.items === "boolean")) {
      required &&= typeof node.minItems === "number" && node.minItems > Number(seg);
      node = deref(node.items, schema);
    } else {
      required = false;
      node = node.additionalProperties === undefined ? {} : deref(node.additionalProperties, schema);
    }
  }
  return { schema: node, required };
}

function findings(
  before: unknown,
  after: unknown,
  roots: [unknown, unknown],
  mode: CompatibilityMode,
  options: SubsetOptions,
): { direction: "BACKWARD" | "FORWARD"; message: string }[] {
  return checkCompatibility([before, after], mode, options, roots);
}

type Found = { kind: "removed" | "moved" | "required" | "schema"; message: string };

function check(old: MessageUse, next: MessageUse, mode: CompatibilityMode, options: SubsetOptions): Found[] {
  const was = old.message.correlationId?.location;
  const now = next.message.correlationId?.location;
  if (was === undefined) return [];
  if (now === undefined)
    return [
      {
        kind: "removed",
        message: `correlation id of ${useLabel(next)} was removed (it was read from ${was})`,
      },
    ];
  if (was.trim() !== now.trim())
    return [{ kind: "moved", message: `correlation id of ${useLabel(next)} moved from ${was} to ${now}` }];
  const at = parseLocation(now);
  if (!at) return [];
  const oldRoot = decycle(old.message[at.part]?.resolved);
  const newRoot = decycle(next.message[at.part]?.resolved);
  if (oldRoot === undefined && newRoot === undefined) return [];
  const before = schemaAt(oldRoot ?? {}, at.path);
  const after = schemaAt(newRoot ?? {}, at.path);
  const out: Found[] = [];
  // Readers correlate by the id: one that the new writer may omit is lost to them.
  if (before.required && !after.required && (mode.startsWith("FORWARD") || mode.startsWith("FULL")))
    out.push({
      kind: "required",
      message: `correlation id of ${useLabel(next)} at ${now} is no longer required: new messages may lack it`,
    });
  if (!before.required && after.required && (mode.startsWith("BACKWARD") || mode.startsWith("FULL")))
    out.push({
      kind: "required",
      message: `correlation id of ${useLabel(next)} at ${now} is now required: older messages may lack it`,
    });
  const [first, ...more] = findings(
    before.schema,
    after.schema,
    [oldRoot ?? {}, newRoot ?? {}],
    mode,
    options,
  );
  if (first)
    out.push({
      kind: "schema",
      message:
        `correlation id schema of ${useLabel(next)} at ${now} is not ${mode} compatible ` +
        `(${first.direction === "BACKWARD" ? "new schema reading old ids" : "old schema reading new ids"}): ` +
        `${first.message}${more.length > 0 ? ` (+${more.length} more)` : ""}`,
    });
  return out;
}

export const correlationIdChanged = defineRule({
  id: "correlation-id-changed",
  kind: "message",
  description:
    "The message's correlation id moved, was removed, or the schema at its `location` (in the headers or payload) changed incompatibly under the message's mode.",
  severity: whenChecked("error"),
  hint: "Request/reply and saga consumers find related messages by the correlation id: moving it, dropping it, or changing what it may hold makes them lose the thread. Keep the location and its schema; if it must move, send the id in both places until every consumer reads the new one.",
  check(pair, cx) {
    const { old, new: next } = pair;
    if (!old || !next) return [];
    const mode = cx.modeOf(next, "new");
    // Consumers are judged by the schema that holds the id: the headers' or the payload's.
    const location = next.message.correlationId?.location;
    const part = (location !== undefined ? parseLocation(location)?.part : undefined) ?? "payload";
    const affects = [{ address: next.address, messageName: next.message.name, part }];
    return check(old, next, mode, cx.options.subset ?? {}).map(
      (f): RuleFinding => ({
        message: f.message,
        source: next.message.correlationId?.source ?? next.message.source,
        key: `${next.address}\u0000${f.kind}`,
        affects,
      }),
    );
  },
});
