import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import type { Severity } from "../diagnostics/index.js";
import { EventlineError } from "../errors.js";
import { createAjv } from "../schema/ajv.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import { locateInYaml } from "./locate.js";

export interface EventlineConfig {
  documents: string[];
  exclude: string[];
  allowRemoteRefs: boolean;
  allowOutsideRoot: boolean;
  failOn: Severity;
  rules: Record<string, Severity | "off">;
  cache: { enabled: boolean; dir: string };
  limits: Limits;
  parserWorkers: number;
}

export type ConfigInput = Partial<Omit<EventlineConfig, "limits" | "cache">> & {
  limits?: Partial<Limits>;
  cache?: Partial<EventlineConfig["cache"]>;
};

export const CONFIG_FILE_NAMES = [
  "eventline.config.yaml",
  "eventline.config.yml",
  "eventline.config.json",
] as const;
export const DEFAULT_DOCUMENTS = ["asyncapi/**/*.{yaml,yml,json}"];

const SCHEMA_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../schemas/eventline.config.schema.json",
);

let validator: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;
function validate(value: unknown) {
  if (!validator) {
    validator = createAjv("2020-12").compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
  }
  return { ok: validator(value) as boolean, errors: validator.errors ?? [] };
}

export function resolveConfig(input: ConfigInput = {}): EventlineConfig {
  return {
    documents: input.documents ?? DEFAULT_DOCUMENTS,
    exclude: input.exclude ?? [],
    allowRemoteRefs: input.allowRemoteRefs ?? false,
    allowOutsideRoot: input.allowOutsideRoot ?? false,
    failOn: input.failOn ?? "error",
    rules: input.rules ?? {},
    cache: { enabled: input.cache?.enabled ?? true, dir: input.cache?.dir ?? ".eventline/cache" },
    limits: { ...DEFAULT_LIMITS, ...input.limits },
    parserWorkers: input.parserWorkers ?? 2,
  };
}

/** Finds the config file in `root` (or uses `explicit`), validates it and merges the defaults. */
export function loadConfig(root: string, explicit?: string): { config: EventlineConfig; file?: string } {
  const file = explicit
    ? resolve(root, explicit)
    : CONFIG_FILE_NAMES.map((n) => join(root, n)).find((p) => existsSync(p));
  if (!file) return { config: resolveConfig() };
  if (!existsSync(file))
    throw new EventlineError("CONFIG_INVALID", `config file ${file} does not exist`, { file });
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EventlineError("CONFIG_INVALID", `cannot read config file ${file} (${code})`, { file });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new EventlineError(
      "CONFIG_INVALID",
      `${file}:${pos?.line ?? 1}:${pos?.col ?? 1} ${syntax.message.split("\n")[0]}`,
      {
        file,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
      },
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    // The yaml library's alias-bomb guard throws; a hostile config is a config error, not a bug.
    throw new EventlineError("CONFIG_INVALID", `${file}:1:1 ${(error as Error).message}`, {
      file,
      line: 1,
      column: 1,
    });
  }
  const result = validate(value);
  if (!result.ok) {
    const first = result.errors[0]!;
    const pointer =
      first.keyword === "additionalProperties"
        ? `${first.instancePath}/${(first.params as { additionalProperty: string }).additionalProperty}`
        : first.instancePath;
    const pos = locateInYaml(doc, lineCounter, pointer);
    const what =
      first.keyword === "additionalProperties"
        ? `unknown setting "${pointer.slice(1)}"`
        : `${first.instancePath || "config"} ${first.message}${first.keyword === "enum" ? ` (${(first.params as { allowedValues: unknown[] }).allowedValues.join(", ")})` : ""}`;
    throw new EventlineError("CONFIG_INVALID", `${file}:${pos.line}:${pos.column} ${what}`, {
      file,
      line: pos.line,
      column: pos.column,
      hint: "See schemas/eventline.config.schema.json for every setting.",
    });
  }
  return { config: resolveConfig(value as ConfigInput), file };
}
