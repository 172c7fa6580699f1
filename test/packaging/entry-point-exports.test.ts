import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS, ROOT } from "./entry-points.js";

// The values each built entry point exports, exactly: a name added or dropped is a change of the public
// API, made here on purpose (with docs/api.md and a CHANGELOG line), never by accident through a barrel.
const VALUES: Record<string, string[]> = {
  eventline: [
    "COMPATIBILITY_MODES",
    "EventlineError",
    "LINT_RULE_IDS",
    "REPORT_FORMATS",
    "SEVERITIES",
    "VERSION",
    "atOrAbove",
    "checkCompatibility",
    "compareGeneratedFiles",
    "compatReport",
    "diffCatalogs",
    "exitCodeFor",
    "fingerprint",
    "formatReport",
    "generate",
    "hasFindingsAtOrAbove",
    "isCompatible",
    "isEventlineError",
    "isSeverity",
    "lintRuleInfo",
    "loadCatalog",
    "resolvePositions",
    "runLint",
    "sortDiagnostics",
    "summarize",
    "validate",
    "writeGeneratedFiles",
  ],
  "eventline/runtime": [
    "AJV_STANDALONE_MODULES",
    "CE_HEADERS",
    "DEAD_LETTER_REASONS",
    "DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY",
    "EventlineRuntimeError",
    "PROCESS_DURATION_BUCKETS",
    "RUNTIME_ERROR_CODES",
    "TELEMETRY_ATTRIBUTES",
    "TELEMETRY_METRICS",
    "ajvStandaloneRequire",
    "assertHandlers",
    "backoffDelay",
    "createConsumer",
    "createEnvelope",
    "createInMemoryBroker",
    "createInMemoryIdempotencyStore",
    "createInMemoryTransport",
    "createPostgresInbox",
    "createPublisher",
    "createRedisIdempotencyStore",
    "createSqliteIdempotencyStore",
    "describeIssues",
    "envelopeHeaders",
    "fromAjv",
    "installShutdown",
    "isEventlineRuntimeError",
    "murmur2",
    "partitionForKey",
    "readEnvelope",
    "shutdown",
  ],
  "eventline/kafka": [
    "APPLY_ACTIONS",
    "applyTopics",
    "consumerLag",
    "createKafkaTransport",
    "lagTargetsFromCatalog",
    "planTopics",
    "withAdmin",
    "withKafka",
  ],
};

/** `./dist/...` of the package.json `exports` entry for `specifier`. */
function builtFile(specifier: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    exports: Record<string, { default: string }>;
  };
  const key = specifier === "eventline" ? "." : `.${specifier.slice("eventline".length)}`;
  return join(ROOT, pkg.exports[key]!.default);
}

describe("package entry points", () => {
  it("every TypeScript entry point is an explicit list (no export *)", () => {
    for (const file of Object.values(ENTRY_POINTS)) {
      expect(readFileSync(join(ROOT, file), "utf8"), file).not.toMatch(/export\s+(type\s+)?\*/);
    }
  });

  for (const [specifier, names] of Object.entries(VALUES)) {
    it(`the built ${specifier} exports exactly its documented values`, async () => {
      const file = builtFile(specifier);
      expect(existsSync(file), `${file} is missing: run npm run build`).toBe(true);
      const module = (await import(file)) as Record<string, unknown>;
      expect(Object.keys(module).sort()).toEqual([...names].sort());
    });
  }
});
