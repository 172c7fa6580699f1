import { EventlineError } from "../../errors.js";
import type { SourceFile } from "../../model/source-file.js";
import type { Catalog, SchemaRef } from "../../model/types.js";
import { patternProblem, type SchemaProblem, schemaProblem } from "../schema-check.js";

const HINT =
  "ajv refuses to compile this schema, so nothing can be said about the messages it accepts. Fix the schema, then compare again.";

function refused(
  where: string,
  pointer: string,
  problem: SchemaProblem,
  file: string,
  line: number,
  column: number,
) {
  return new EventlineError(
    "INPUT_INVALID",
    `${where}: not a valid JSON Schema: ${pointer || "/"} ${problem.message}`,
    { file, line, column, hint: HINT },
  );
}

/** Throws INPUT_INVALID (exit 2) with file:line and pointer when ajv refuses the schema file. */
export function assertSchemaFile(file: SourceFile): void {
  const problem = schemaProblem(file.value, true);
  if (!problem) return;
  const pos = file.locate(problem.pointer);
  throw refused(
    `${file.name}:${pos.line}:${pos.column}`,
    problem.pointer,
    problem,
    file.name,
    pos.line,
    pos.column,
  );
}

const checked = new WeakMap<object, SchemaProblem | null>();

/**
 * The parser has checked each schema against the meta-schema already (a failure does not load);
 * what it does not check is whether ajv can compile the patterns.
 */
function problemOf(ref: SchemaRef): SchemaProblem | undefined {
  const schema = ref.resolved;
  if (schema === null || typeof schema !== "object") return undefined;
  let found = checked.get(schema);
  if (found === undefined) {
    found = patternProblem(schema) ?? null;
    checked.set(schema, found);
  }
  return found ?? undefined;
}

/**
 * Throws INPUT_INVALID (exit 2) when ajv cannot compile a message's payload or headers schema,
 * naming the file and line of its definition and the pointer of what it refuses.
 */
export function assertCatalogSchemas(catalog: Catalog): void {
  for (const message of catalog.messages) {
    for (const ref of [message.payload, message.headers]) {
      if (ref?.resolved === undefined) continue;
      const problem = problemOf(ref);
      if (!problem) continue;
      const at = ref.definition;
      throw refused(
        `${at.file}:${at.line}:${at.column}`,
        at.pointer + problem.pointer,
        problem,
        at.file,
        at.line,
        at.column,
      );
    }
  }
}
