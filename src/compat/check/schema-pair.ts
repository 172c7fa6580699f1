import { dirname } from "node:path";
import { compareDiagnostics, type Diagnostic, fingerprint } from "../../diagnostics/index.js";
import { isInside } from "../../model/ref-kind.js";
import type { SourceFile } from "../../model/source-file.js";
import { familyOf } from "../mode-severity.js";
import { checkCompatibility } from "../modes.js";
import { compatRule } from "../registry.js";
import { type FileRefPolicy, followFileRefs } from "./schema-refs.js";
import { assertSchemaFile } from "./schema-validity.js";
import { CLI_MODES, type CliMode, type CompareOptions, toCompatibilityMode } from "./types.js";

/**
 * Two JSON Schema files, the old and the new version of one schema. Every finding is placed in the
 * new file: at the reader's pointer for BACKWARD (the new schema reads), the writer's for FORWARD.
 * Mode: `--mode`, else the new schema's `x-eventline-compatibility`, else BACKWARD.
 */
export function compareSchemaFiles(
  oldFile: SourceFile,
  newFile: SourceFile,
  options: CompareOptions,
  refs: { root: string; allowOutsideRoot: boolean; maxFiles: number },
): { mode: string; changes: Diagnostic[] } {
  // A schema ajv refuses has no meaning to compare: exit 2 rather than a verdict.
  assertSchemaFile(oldFile);
  assertSchemaFile(newFile);
  const declared = modeOf(newFile.value);
  const mode = options.mode ? toCompatibilityMode(options.mode) : (declared ?? "BACKWARD");
  // Relative `$ref`s to sibling files resolve as in a catalog, under the same root.
  const findings = checkCompatibility(
    [followFileRefs(oldFile, policy(refs, oldFile)), followFileRefs(newFile, policy(refs, newFile))],
    mode,
    {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.lenient ? { writerDeclaredKeysOnly: true } : {}),
    },
  );
  const changes = findings.map((f): Diagnostic => {
    const pointer = f.direction === "BACKWARD" ? f.readerPointer : f.writerPointer;
    const pos = newFile.locate(pointer);
    const hint = compatRule(f.ruleId)?.hint;
    const direction =
      f.direction === "BACKWARD"
        ? "the new schema cannot read old data"
        : "the old schema cannot read new data";
    const severity = compatRule(f.ruleId)?.severity[familyOf(mode)] ?? "error";
    const change: Diagnostic = {
      ruleId: f.ruleId,
      severity,
      breaking: severity === "error",
      message: `${f.message} (${f.direction}: ${direction})`,
      file: newFile.name,
      pointer,
      line: pos.line,
      column: pos.column,
      fingerprint: fingerprint(f.ruleId, newFile.name, pointer, `${f.direction}\u0000${f.writerPointer}`),
    };
    if (hint !== undefined) change.hint = hint;
    if (f.witness !== undefined) change.witness = f.witness;
    if (f.witnessPointer !== undefined) change.witnessPointer = f.witnessPointer;
    if (f.witnessStatus !== undefined) change.witnessStatus = f.witnessStatus;
    if (f.witnessReason !== undefined) change.witnessReason = f.witnessReason;
    return change;
  });
  return { mode: mode.toLowerCase(), changes: changes.sort(compareDiagnostics) };
}

function modeOf(schema: unknown): ReturnType<typeof toCompatibilityMode> | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  const v = (schema as Record<string, unknown>)["x-eventline-compatibility"];
  if (typeof v !== "string") return undefined;
  const m = v.toLowerCase();
  return (CLI_MODES as readonly string[]).includes(m) ? toCompatibilityMode(m as CliMode) : undefined;
}

/** Bounded by the project root; for a schema file outside it, by the file's own folder (as for documents). */
function policy(
  refs: { root: string; allowOutsideRoot: boolean; maxFiles: number },
  file: SourceFile,
): FileRefPolicy {
  const boundary = isInside(refs.root, file.path) ? refs.root : dirname(file.path);
  return { boundary, allowOutsideRoot: refs.allowOutsideRoot, maxFiles: refs.maxFiles };
}
