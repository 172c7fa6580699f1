import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import { BuildContext, type DocumentModel, isRecord, slug, str } from "./build-context.js";
import { buildV2 } from "./build-v2.js";
import { buildV3 } from "./build-v3.js";
import { cacheKey, type ParseCache, sha256Text } from "./cache.js";
import type { EventlineConfig } from "./config.js";
import { mapParserDiagnostics } from "./parser-diagnostics.js";
import type { ParseOutcome, ParserPool } from "./parser-pool.js";
import { isInside } from "./ref-kind.js";
import { displayName, type FileReader, type RefPolicy, scanRefs } from "./scan-refs.js";
import type { SourceFile } from "./source-file.js";

export interface DocumentEnv {
  root: string;
  config: EventlineConfig;
  read: FileReader;
  pool: ParserPool;
  cache: ParseCache;
  /** Part of the cache key: a new Eventline version never reads an old version's entries. */
  toolVersion: string;
  /** Workers worth starting at the first cache miss (min of parserWorkers and documents). */
  warmWorkers: number;
}

const SUPPORTED = /^(2\.[0-6]\.\d+|3\.[01]\.\d+)$/;

export async function loadDocument(path: string, env: DocumentEnv): Promise<DocumentModel> {
  const name = displayName(env.root, path);
  const text = readText(path);
  const rootHash = text === undefined ? undefined : sha256Text(text);
  const key =
    rootHash &&
    cacheKey([
      env.toolVersion,
      name,
      rootHash,
      JSON.stringify(env.config.limits),
      String(env.config.allowRemoteRefs),
      String(env.config.allowOutsideRoot),
    ]);
  if (key) {
    const hit = env.cache.get(key);
    if (hit) return hit;
  }

  // Workers start (and compile the specification's schema) while this thread reads the document.
  const hint = text === undefined ? undefined : versionHint(text);
  if (hint !== undefined) env.pool.warm(env.warmWorkers, hint);
  const read = env.read(path);
  if (!read.file)
    return { file: name, channels: [], messages: [], operations: [], diagnostics: read.diagnostics };
  const document = read.file;
  const notAsyncApi = checkKind(document);
  if (notAsyncApi)
    return { file: name, channels: [], messages: [], operations: [], diagnostics: [notAsyncApi] };

  const scan = scanRefs(document, refPolicy(document, env), env.read);
  const dependencies = [...scan.files.values()].filter((f) => f !== document).map((f) => f.name);
  if (scan.blocked) {
    return {
      file: name,
      dependencies,
      channels: [],
      messages: [],
      operations: [],
      diagnostics: scan.diagnostics,
    };
  }

  env.pool.warm(env.warmWorkers);
  const referenced = Object.fromEntries(
    [...scan.files.values()].filter((f) => f !== document).map((f) => [f.path, f.text]),
  );
  const outcome = await env.pool.parse(document.text, document.path, env.config.limits.timeoutMs, referenced);
  if (outcome.kind !== "parsed") {
    return {
      file: name,
      channels: [],
      messages: [],
      operations: [],
      diagnostics: [parserFailure(document, outcome)],
    };
  }
  const diagnostics: Diagnostic[] = [
    ...scan.diagnostics,
    ...mapParserDiagnostics(outcome.diagnostics, document, (p) => scan.files.get(p)),
  ];
  let model: DocumentModel = {
    file: name,
    dependencies,
    channels: [],
    messages: [],
    operations: [],
    diagnostics,
  };
  if (outcome.resolved !== undefined) {
    const ctx = new BuildContext(document, scan.files, outcome.resolved);
    const raw = document.value as Record<string, unknown>;
    const serviceId = slug(
      str(raw["x-eventline-service"]) ?? str((raw.info as Record<string, unknown>)?.title) ?? name,
    );
    const built = String(raw.asyncapi).startsWith("2.") ? buildV2(ctx, serviceId) : buildV3(ctx, serviceId);
    model = { ...built, dependencies, diagnostics };
  }
  if (key && !scan.remote) {
    const deps = [...scan.files.values()].map((f) => ({ path: f.path, sha256: f.sha256 }));
    env.cache.set(key, deps, model);
  }
  return model;
}

/**
 * The `$ref` boundary of one document. A document the user named outside the project root is read
 * (they named it), but the root says nothing about the files around it: its own folder becomes the
 * root for its relative refs, under the same policy, so it reaches its siblings and nothing above.
 */
function refPolicy(document: SourceFile, env: DocumentEnv): RefPolicy {
  const policy = { ...env.config, root: env.root };
  if (isInside(env.root, document.path)) return policy;
  return { ...policy, root: dirname(document.path), namedOutside: document.name };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The `asyncapi` version a file declares, found by a look at its text: a hint for warming the parser
 * workers, never trusted for anything else (the parsed document is checked by checkKind).
 */
function versionHint(text: string): string | undefined {
  const m = /^["']?asyncapi["']?[ \t]*:[ \t]*["']?([0-9.]+)|"asyncapi"\s*:\s*"([0-9.]+)"/m.exec(text);
  const version = m?.[1] ?? m?.[2];
  return version !== undefined && SUPPORTED.test(version) ? version : undefined;
}

function checkKind(document: SourceFile): Diagnostic | undefined {
  const value = document.value;
  const at = (ruleId: string, message: string, hint: string, pointer = "") => {
    const pos = document.locate(pointer);
    return createDiagnostic({
      ruleId,
      severity: "error",
      message,
      hint,
      file: document.name,
      pointer,
      line: pos.line,
      column: pos.column,
    });
  };
  if (!isRecord(value)) {
    return at(
      "not-asyncapi",
      `${document.name} is not an AsyncAPI document (it is not a mapping)`,
      "An AsyncAPI document is a YAML/JSON object with an `asyncapi` version field.",
    );
  }
  if ("openapi" in value || "swagger" in value) {
    return at(
      "not-asyncapi",
      `${document.name} is an OpenAPI document, not AsyncAPI`,
      "Eventline reads AsyncAPI 2.x/3.x documents; exclude this file in eventline.config.yaml (`exclude`).",
    );
  }
  if (!("asyncapi" in value)) {
    return at(
      "not-asyncapi",
      `${document.name} is not an AsyncAPI document (no \`asyncapi\` field)`,
      "Add `asyncapi: 3.0.0`, or list shared fragments under `exclude` in eventline.config.yaml.",
    );
  }
  const version = value.asyncapi;
  if (typeof version !== "string" || !SUPPORTED.test(version)) {
    return at(
      "asyncapi-version-unsupported",
      `AsyncAPI version ${JSON.stringify(version)} is not supported`,
      "Use 2.0.0–2.6.0, 3.0.0 or 3.1.0, written as a string.",
      "/asyncapi",
    );
  }
  return undefined;
}

function parserFailure(document: SourceFile, outcome: Exclude<ParseOutcome, { kind: "parsed" }>): Diagnostic {
  const base = { severity: "error" as const, file: document.name, pointer: "", line: 1, column: 1 };
  if (outcome.kind === "timeout") {
    return createDiagnostic({
      ...base,
      ruleId: "parser-timeout",
      message: `the AsyncAPI parser did not finish ${document.name} within ${outcome.ms} ms`,
      hint: "The document may contain a reference cycle or be very large; raise limits.timeoutMs if it is trusted.",
    });
  }
  if (outcome.kind === "out-of-memory") {
    return createDiagnostic({
      ...base,
      ruleId: "parser-out-of-memory",
      message: `the AsyncAPI parser ran out of memory on ${document.name}`,
      hint: "Raise limits.maxParserHeapMb if the document is trusted.",
    });
  }
  return createDiagnostic({
    ...base,
    ruleId: "parser-crash",
    message: `the AsyncAPI parser failed on ${document.name}: ${outcome.detail.split("\n")[0]}`,
    hint: "This is likely a parser bug; please report it with the document.",
  });
}
