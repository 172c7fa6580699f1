import type { ErrorObject } from "ajv";
import type { Message, MessageExample } from "../../model/types.js";
import { escapeSegment } from "../../schema/pointer.js";
import { exampleValidator as compile } from "../example-validator.js";
import { isRecord, list, nodes, truncate } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

/** More errors for one example rarely add information: the first few show what is wrong. */
export const MAX_ERRORS_PER_EXAMPLE = 5;

type Part = "payload" | "headers";

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const text = error.message ?? `fails ${error.keyword}`;
  if (error.keyword === "additionalProperties") return `${text}: "${String(params.additionalProperty)}"`;
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    return `${text}: ${truncate(params.allowedValues.map((v) => JSON.stringify(v)).join(", "))}`;
  }
  return text;
}

/** Where the offending value is: for an extra property, the property itself rather than its parent. */
function instancePointer(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return `${error.instancePath}/${escapeSegment(params.additionalProperty)}`;
  }
  return error.instancePath;
}

function exampleLabel(example: MessageExample, index: number): string {
  return typeof example.name === "string" && example.name !== ""
    ? `example "${example.name}"`
    : `example #${index + 1}`;
}

function checkMessage(message: Message, findings: LintFinding[]): void {
  const reportedCompile = new Set<Part>();
  for (const [index, example] of list(message.examples).entries()) {
    if (!isRecord(example) || !isRecord(example.source)) continue;
    const errors: { part: Part; error: ErrorObject }[] = [];
    for (const part of ["payload", "headers"] as const) {
      const ref = message[part];
      // An example may show only headers or only the payload; what it leaves out is not checked.
      if (!ref || !isRecord(ref) || !(part in example) || example[part] === undefined) continue;
      const compiled = compile(ref);
      if ("skip" in compiled) continue;
      if ("error" in compiled) {
        if (!reportedCompile.has(part)) {
          reportedCompile.add(part);
          findings.push({
            message: `the ${part} schema of message "${message.name}" cannot be compiled to check its examples: ${truncate(compiled.error, 200)}`,
            at: ref.source,
            key: `compile:${part}`,
          });
        }
        continue;
      }
      let ok: boolean;
      try {
        ok = compiled.validate(example[part]) === true;
      } catch (error) {
        // Only self-referencing YAML aliases get here (the validator recurses forever on them).
        findings.push({
          message: `${exampleLabel(example, index)} ${part} cannot be validated: ${error instanceof Error ? error.message : String(error)}`,
          at: example.source,
          subPointer: `/${part}`,
          key: "validate",
        });
        continue;
      }
      if (!ok) for (const error of compiled.validate.errors ?? []) errors.push({ part, error });
    }
    const label = exampleLabel(example, index);
    const shown = errors.slice(0, MAX_ERRORS_PER_EXAMPLE);
    for (const [i, { part, error }] of shown.entries()) {
      const path = instancePointer(error);
      const more =
        i === shown.length - 1 && errors.length > shown.length
          ? ` (${errors.length - shown.length} more errors not shown)`
          : "";
      findings.push({
        message: `${label} ${part}${path === "" ? "" : ` ${path}`}: ${describeError(error)}${more}`,
        at: example.source,
        subPointer: `/${part}${path}`,
        key: `${error.keyword}:${error.schemaPath}`,
      });
    }
  }
}

export const examplesMatchSchema: LintRule = {
  id: "examples-match-schema",
  description: "Every example's payload and headers validate against the message's schemas.",
  defaultSeverity: "error",
  hint:
    "Examples are documentation people copy and seeds for the contract tests; one that the schema " +
    "rejects is either a wrong example or a schema that does not say what producers send. Fix whichever " +
    "is wrong. Avro and other non-JSON-Schema formats are not checked.",
  docs: "docs/rules/examples-match-schema.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) checkMessage(message, findings);
    return findings;
  },
};
