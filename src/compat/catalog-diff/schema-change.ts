// Shared by payload-incompatible and headers-incompatible: the same engine as bare JSON Schemas.

import { decycle } from "../../schema/decycle.js";
import type { DirectedFinding } from "../modes.js";
import { locateInSchemaFiles, type SchemaFiles } from "./schema-location.js";
import type { MessageUse, RuleContext, RuleFinding } from "./types.js";

const MAX_LISTED = 10;

/** True when the new message declares a higher `x-eventline-version` major than the old one. */
export function majorBumped(old: MessageUse, next: MessageUse): boolean {
  return old.message.major !== undefined && next.message.major !== undefined
    ? next.message.major > old.message.major
    : old.message.major === undefined && next.message.major !== undefined;
}

/** The files read to place findings, per catalog: a large catalog has many findings in few files. */
const schemaFiles = new WeakMap<object, SchemaFiles>();
function filesOf(catalog: object): SchemaFiles {
  let files = schemaFiles.get(catalog);
  if (!files) {
    files = new Map();
    schemaFiles.set(catalog, files);
  }
  return files;
}

export function schemaChange(
  pair: { old?: MessageUse; new?: MessageUse },
  cx: RuleContext,
  part: "payload" | "headers",
): RuleFinding[] {
  const { old, new: next } = pair;
  if (!old || !next) return [];
  const findings = cx.schemaFindings({ old, new: next }, part);
  const [first] = findings;
  if (!first) return [];
  const mode = cx.modeOf(next, "new");
  const role = next.roles.includes("send")
    ? "producer"
    : next.roles.includes("receive")
      ? "consumer"
      : "message";
  const bumped = majorBumped(old, next);
  // Every schema finding is listed (up to a screenful), so the reader sees each edit that breaks.
  const listed = findings.slice(0, MAX_LISTED).map((f) => {
    const at = f.direction === "BACKWARD" ? f.readerPointer : f.writerPointer;
    return `\n- ${f.ruleId} at "${at}": ${f.message}`;
  });
  const more =
    findings.length > 1
      ? `${listed.slice(1).join("")}${findings.length > MAX_LISTED ? `\n- and ${findings.length - MAX_LISTED} more` : ""}`
      : "";
  const where = first.direction === "BACKWARD" ? first.readerPointer : first.writerPointer;
  const schema = next.message[part];
  // The changed keyword in the file that holds it (a schema file the pull request edited), not the
  // document's `payload:` line; the text still names the message and its document.
  const source =
    (schema ? locateInSchemaFiles(cx.new.root, schema.definition, where, filesOf(cx.new)) : undefined) ??
    schema?.source ??
    next.message.source;
  const document = source.file === next.message.source.file ? "" : ` (${next.message.source.file})`;
  // Each finding carries its writer/reader pair's whole-message witness (checkCompatibility); the
  // change shows the first one's. A major bump accepts the break: no message needs to prove it.
  const evidence: Pick<
    RuleFinding,
    "details" | "witness" | "witnessPointer" | "witnessStatus" | "witnessReason"
  > = bumped
    ? { details: findings.map(withoutWitness) }
    : {
        details: findings,
        ...(first.witnessStatus !== undefined ? { witnessStatus: first.witnessStatus } : {}),
        ...(first.witness !== undefined ? { witness: first.witness } : {}),
        ...(first.witnessPointer !== undefined ? { witnessPointer: first.witnessPointer } : {}),
        ...(first.witnessReason !== undefined ? { witnessReason: first.witnessReason } : {}),
      };
  return [
    {
      message:
        `${part} of message "${next.message.name}" on ${next.address}${document} is not ${mode} compatible ` +
        `(${first.direction === "BACKWARD" ? "new schema reading old messages" : "old schema reading new messages"}, ${role} side): ` +
        `${findings.length > 1 ? `${findings.length} schema changes\n- ` : ""}${first.ruleId} at "${where}": ${first.message}` +
        (bumped ? ` — accepted by the x-eventline-version bump to ${next.message.major}` : "") +
        more,
      source,
      // Several messages can share one schema file, so the place alone does not tell them apart.
      key: `${next.address}\u0000${next.message.name}`,
      ...evidence,
      ...(bumped ? { severity: "warn" as const, breaking: false } : {}),
      affects: [
        {
          address: next.address,
          messageName: next.message.name,
          fallbackWriter: decycle(old.message[part]?.resolved),
          part,
        },
      ],
    },
  ];
}

function withoutWitness(f: DirectedFinding): DirectedFinding {
  const { witness: _w, witnessPointer: _p, witnessStatus: _s, witnessReason: _r, ...rest } = f;
  return rest;
}
