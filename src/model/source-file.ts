import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { LineCounter, parseDocument, type Document as YamlDocument } from "yaml";
import { createDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type { Limits } from "./limits.js";
import { locateInYaml, type Position } from "./locate.js";

/** A YAML or JSON file read under the budgets, with the positions of its nodes. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, `/`-separated: the name used in diagnostics. */
  name: string;
  text: string;
  sha256: string;
  value: unknown;
  locate(pointer: string): Position;
}

export type SourceFileResult =
  | { file: SourceFile; diagnostics: Diagnostic[] }
  | { file?: undefined; diagnostics: Diagnostic[] };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function fail(
  name: string,
  ruleId: string,
  message: string,
  hint?: string,
  pos?: Position,
): SourceFileResult {
  return {
    diagnostics: [
      createDiagnostic({
        ruleId,
        severity: "error",
        message,
        file: name,
        pointer: "",
        line: pos?.line ?? 1,
        column: pos?.column ?? 1,
        ...(hint ? { hint } : {}),
      }),
    ],
  };
}

export function readSourceFile(path: string, name: string, limits: Limits): SourceFileResult {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return fail(name, "file-unreadable", `${name} is not a regular file`);
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      name,
      "file-unreadable",
      code === "ENOENT" ? `${name} does not exist` : `cannot read ${name} (${code})`,
    );
  }
  if (size > limits.maxFileBytes) {
    return fail(
      name,
      "document-too-large",
      `${name} is ${formatBytes(size)}, over the ${formatBytes(limits.maxFileBytes)} limit`,
      "Split the document, or raise limits.maxFileBytes in eventline.config.yaml if it is trusted.",
    );
  }
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(
      name,
      "file-not-text",
      `${name} is not UTF-8 text`,
      "AsyncAPI documents and schemas must be YAML or JSON text.",
    );
  }
  if (text.includes("\u0000")) {
    return fail(name, "file-not-text", `${name} contains NUL bytes; it looks like a binary file`);
  }
  return parseSourceText(path, name, text, limits);
}

export function parseSourceText(path: string, name: string, text: string, limits: Limits): SourceFileResult {
  const sha256 = createHash("sha256").update(text).digest("hex");
  const lineCounter = new LineCounter();
  let doc: YamlDocument;
  try {
    doc = parseDocument(text, {
      lineCounter,
      // YAML 1.1 merge keys (`<<: *base`): the AsyncAPI parser applies them too.
      merge: true,
      uniqueKeys: true,
      prettyErrors: false,
      keepSourceTokens: false,
    });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(name, limits);
    throw error;
  }
  // The composer turns its own stack overflow on deep nesting into an error instead of throwing.
  if (doc.errors.some((e) => e.code === "RESOURCE_EXHAUSTION")) return tooDeep(name, limits);
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.slice(0, 20).map((e) => {
      // With prettyErrors off, errors carry only offsets (`pos`), not `linePos`.
      const p = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return createDiagnostic({
        ruleId: e.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax",
        severity: "error",
        message: `${firstLine(e.message)} (${e.code})`,
        file: name,
        pointer: "",
        line: p.line,
        column: p.col,
        key: `${p.line}:${p.col}`,
      });
    });
    return { diagnostics };
  }
  if (doc.contents === null) {
    return fail(
      name,
      "document-empty",
      `${name} is empty`,
      "Write an AsyncAPI document or JSON Schema here, or remove the file.",
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(name, limits);
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error).message))) {
      return fail(
        name,
        "yaml-alias-limit",
        `${name} expands YAML aliases more than ${limits.maxAliasCount} times (an alias bomb?)`,
        "Reduce anchors/aliases, or raise limits.maxAliasCount if the document is trusted.",
      );
    }
    throw error;
  }
  const shape = measure(value, limits.maxDepth);
  if (shape.depth > limits.maxDepth) return tooDeep(name, limits);
  if (shape.cycle) {
    return fail(
      name,
      "yaml-recursive-alias",
      `${name} contains a YAML alias to its own ancestor (a cycle)`,
      "Use a $ref for recursive structures instead of YAML anchors.",
    );
  }
  return {
    file: { path, name, text, sha256, value, locate: (pointer) => locateInYaml(doc, lineCounter, pointer) },
    diagnostics: [],
  };
}

function tooDeep(name: string, limits: Limits): SourceFileResult {
  return fail(
    name,
    "document-too-deep",
    `${name} nests deeper than ${limits.maxDepth} levels`,
    "Flatten the structure with $ref'd definitions, or raise limits.maxDepth if the document is trusted.",
  );
}

/**
 * Iterative so that depth itself cannot overflow the stack. Aliases make the value a DAG (or, for an
 * alias to its own ancestor, a cycle), so each object is visited once; "cycle" means a recursive alias,
 * which no AsyncAPI tool can serialise.
 */
function measure(root: unknown, cap: number): { depth: number; cycle: boolean } {
  let deepest = 0;
  const done = new Set<object>();
  const onPath = new Set<object>();
  const stack: [object, number, boolean][] = [];
  if (root !== null && typeof root === "object") stack.push([root, 0, false]);
  while (stack.length > 0) {
    const [node, depth, exiting] = stack.pop()!;
    if (exiting) {
      onPath.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > cap) return { depth: deepest, cycle: false };
    }
    onPath.add(node);
    stack.push([node, depth, true]);
    for (const child of Object.values(node)) {
      if (child === null || typeof child !== "object") continue;
      if (onPath.has(child)) return { depth: deepest, cycle: true };
      if (!done.has(child)) stack.push([child, depth + 1, false]);
    }
  }
  return { depth: deepest, cycle: false };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
