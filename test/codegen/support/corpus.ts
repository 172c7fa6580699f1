// The shared AsyncAPI corpus (third-party documents, read in place; see PROVENANCE.md there).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { REPO } from "./typecheck.js";

export const CORPUS = resolve(REPO, "../shared/corpus/asyncapi");

export function corpusPresent(): boolean {
  return existsSync(join(CORPUS, "PROVENANCE.md"));
}

function isRootDocument(path: string): boolean {
  try {
    const value = parse(readFileSync(path, "utf8"), { maxAliasCount: -1 }) as unknown;
    return (
      value !== null &&
      typeof value === "object" &&
      typeof (value as { asyncapi?: unknown }).asyncapi === "string"
    );
  } catch {
    return false;
  }
}

/** Every YAML/JSON file of the corpus with a top-level `asyncapi` key, relative and sorted. */
export function corpusDocuments(): string[] {
  const docs: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(CORPUS, rel), { withFileTypes: true })) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/.test(entry.name) && isRootDocument(join(CORPUS, path))) docs.push(path);
    }
  };
  walk("");
  return docs.sort();
}

/**
 * Whether PROVENANCE.md records the document (or its folder) as failing to parse: its table row,
 * found by the first path segment, says FAIL.
 */
export function provenanceSaysInvalid(doc: string): boolean {
  const head = doc.split("/")[0]!;
  const rows = readFileSync(join(CORPUS, "PROVENANCE.md"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("| ") && line.split("|")[1]!.includes(head));
  return rows.some((row) => /\bFAIL\b/.test(row.split("|")[4] ?? ""));
}
