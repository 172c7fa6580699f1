import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { EventlineError } from "../../errors.js";
import { DEFAULT_LIMITS } from "../../model/limits.js";
import { readSourceFile, type SourceFile } from "../../model/source-file.js";

export type InputKind = "schema" | "document" | "catalog";

/** Reads a YAML/JSON input file or throws INPUT_INVALID / INPUT_NOT_FOUND with file:line. */
export function readInputFile(path: string, name: string): SourceFile {
  const { file, diagnostics } = readSourceFile(path, name, DEFAULT_LIMITS);
  if (file) return file;
  const d = diagnostics[0];
  const code =
    d?.ruleId === "file-unreadable" && /does not exist/.test(d.message) ? "INPUT_NOT_FOUND" : "INPUT_INVALID";
  throw new EventlineError(
    code,
    `${d?.file ?? name}:${d?.line ?? 1}:${d?.column ?? 1}: ${d?.message ?? "cannot read"}`,
    {
      file: name,
      ...(d?.line !== undefined ? { line: d.line } : {}),
      ...(d?.hint !== undefined ? { hint: d.hint } : {}),
    },
  );
}

/** A directory is a catalog; a YAML/JSON file with an `asyncapi` key a document; anything else a JSON Schema. */
export function detectInput(path: string, name: string): { kind: InputKind; file?: SourceFile } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new EventlineError("INPUT_NOT_FOUND", `${name} does not exist`, { file: name });
  }
  if (isDirectory) return { kind: "catalog" };
  if (![".yaml", ".yml", ".json"].includes(extname(path).toLowerCase())) {
    throw new EventlineError(
      "INPUT_INVALID",
      `${name} is neither a directory nor a .yaml, .yml or .json file`,
      {
        file: name,
        hint: "Pass two JSON Schema files, two AsyncAPI documents or two directories.",
      },
    );
  }
  // A YAML document that plainly is AsyncAPI is not parsed here: the loader parses it anyway, and the
  // second side's YAML parse then overlaps the first side's parser worker instead of preceding it.
  if (declaresAsyncApi(path)) return { kind: "document" };
  const file = readInputFile(path, name);
  const value = file.value;
  const isDocument =
    value !== null && typeof value === "object" && !Array.isArray(value) && "asyncapi" in value;
  return { kind: isDocument ? "document" : "schema", file };
}

/**
 * Whether a YAML file is a block mapping with a plain `asyncapi` key at column 0: a top-level key.
 * Only a yes is trusted (the loader then reads the file under its budgets and reports what is wrong
 * with it); anything else — JSON files, flow-style YAML (`{`…), a quoted key — is decided by parsing.
 */
function declaresAsyncApi(path: string): boolean {
  if (extname(path).toLowerCase() === ".json") return false;
  let text: string;
  try {
    if (statSync(path).size > DEFAULT_LIMITS.maxFileBytes) return false;
    text = readFileSync(path, "latin1");
  } catch {
    return false;
  }
  // The first line that holds content (not a comment, directive or document marker) opens a block mapping.
  const first = text.split("\n").find((line) => !/^\s*(#.*|%.*|---\s*|)$/.test(line.replace(/\r$/, "")));
  if (first === undefined || /^\s*[[{]/.test(first)) return false;
  return /^asyncapi[ \t]*:/m.test(text);
}
