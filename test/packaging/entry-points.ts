import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

export const ROOT = resolve(import.meta.dirname, "../..");

/** The package's TypeScript entry points: import specifier → source file. `eventline/spectral` is plain JS. */
export const ENTRY_POINTS: Record<string, string> = {
  eventline: "src/index.ts",
  "eventline/runtime": "src/runtime/index.ts",
  "eventline/kafka": "src/kafka/index.ts",
  "eventline/testing": "src/testing/index.ts",
};

export interface EntryExport {
  name: string;
  /** The TSDoc summary of the declaration it leads to ("" when there is none). */
  doc: string;
}

/** Every export of each entry point, values and types, as the compiler sees them. */
export function entryExports(): Map<string, EntryExport[]> {
  const files = Object.values(ENTRY_POINTS).map((f) => join(ROOT, f));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const result = new Map<string, EntryExport[]>();
  for (const [specifier, file] of Object.entries(ENTRY_POINTS)) {
    const source = program.getSourceFile(join(ROOT, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) {
      result.set(specifier, []);
      continue;
    }
    result.set(
      specifier,
      checker.getExportsOfModule(module).map((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return {
          name: symbol.name,
          doc: ts.displayPartsToString(target.getDocumentationComment(checker)).trim(),
        };
      }),
    );
  }
  return result;
}

/** The text of docs/api.md under `## \`<specifier>\``, up to the next `## ` heading. */
export function apiDocsSection(specifier: string): string | undefined {
  const text = readFileSync(join(ROOT, "docs/api.md"), "utf8");
  const heading = `## \`${specifier}\``;
  const start = text.split("\n").findIndex((line) => line.trim() === heading);
  if (start < 0) return undefined;
  const rest = text.split("\n").slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith("## "));
  return (end < 0 ? rest : rest.slice(0, end)).join("\n");
}
