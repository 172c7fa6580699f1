import type { Diagnostic, Severity } from "../diagnostics/index.js";
import { findingText } from "./finding-text.js";
import type { Report, RuleInfo } from "./report.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const EVENTLINE_INFORMATION_URI = "https://eventline.dev/";
/** Name of the partial fingerprint; versioned so a future fingerprint scheme can sit beside it. */
export const SARIF_FINGERPRINT_KEY = "eventline/v1";
/** Results are relative to the project root; consumers (GitHub code scanning) bind it to the checkout. */
export const SARIF_URI_BASE_ID = "%SRCROOT%";

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warn: "warning", info: "note" };

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration?: { level: SarifLevel };
  helpUri?: string;
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId: string;
  index: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: SarifArtifactLocation;
      region?: { startLine: number; startColumn?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties: { pointer: string };
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    automationDetails: { id: string };
    columnKind: "utf16CodeUnits";
    artifacts: { location: { uri: string; uriBaseId: string } }[];
    results: SarifResult[];
  }[];
}

/**
 * SARIF wants URI references. Encoding each segment keeps `/` as the separator while a space, `#`,
 * `%` or a `:` in the first segment (which would read as a scheme) cannot change what the URI means.
 */
function toUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function helpUri(docs: string | undefined): string | undefined {
  if (docs === undefined) return undefined;
  try {
    // Relative docs paths are published under the project site; helpUri must be absolute.
    return new URL(docs, EVENTLINE_INFORMATION_URI).href;
  } catch {
    return undefined;
  }
}

function fromRuleInfo(rule: RuleInfo): SarifRule {
  const out: SarifRule = {
    id: rule.id,
    shortDescription: { text: rule.description },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
  const uri = helpUri(rule.docs);
  if (uri !== undefined) out.helpUri = uri;
  return out;
}

/**
 * Parser codes and other findings without registered metadata still need a rule entry: `ruleIndex`
 * must point somewhere, and code scanning groups alerts by rule.
 */
function placeholderRule(ruleId: string): SarifRule {
  return { id: ruleId, shortDescription: { text: `${ruleId} (no rule description is available)` } };
}

function messageText(d: Diagnostic): string {
  const message = findingText(d);
  return d.hint === undefined ? message : `${message}\n\nHint: ${d.hint}`;
}

export function toSarifLog(report: Report): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: SarifRule): void => {
    if (ruleIndex.has(rule.id)) return;
    ruleIndex.set(rule.id, rules.length);
    rules.push(rule);
  };
  for (const rule of report.rules) addRule(fromRuleInfo(rule));
  for (const d of report.diagnostics) addRule(placeholderRule(d.ruleId));

  // Checked documents first, then other files findings point at (e.g. a $ref'd schema).
  const artifactIndex = new Map<string, number>();
  for (const file of [...report.documents, ...report.diagnostics.map((d) => d.file)]) {
    if (!artifactIndex.has(file)) artifactIndex.set(file, artifactIndex.size);
  }

  const results = report.diagnostics.map((d): SarifResult => {
    const physicalLocation: SarifResult["locations"][number]["physicalLocation"] = {
      artifactLocation: {
        uri: toUri(d.file),
        uriBaseId: SARIF_URI_BASE_ID,
        index: artifactIndex.get(d.file)!,
      },
    };
    if (d.line !== undefined) {
      physicalLocation.region =
        d.column === undefined ? { startLine: d.line } : { startLine: d.line, startColumn: d.column };
    }
    return {
      ruleId: d.ruleId,
      ruleIndex: ruleIndex.get(d.ruleId)!,
      level: LEVEL[d.severity],
      message: { text: messageText(d) },
      locations: [{ physicalLocation }],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: d.fingerprint },
      properties: { pointer: d.pointer },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "eventline",
            version: report.tool.version,
            informationUri: EVENTLINE_INFORMATION_URI,
            rules,
          },
        },
        // Code scanning keeps one set of alerts per category; without it a `compat` upload would
        // close every alert a `validate` upload opened.
        automationDetails: { id: `${report.command}/` },
        // Columns come from JavaScript string offsets, not code points.
        columnKind: "utf16CodeUnits",
        artifacts: [...artifactIndex.keys()].map((file) => ({
          location: { uri: toUri(file), uriBaseId: SARIF_URI_BASE_ID },
        })),
        results,
      },
    ],
  };
}

export function formatSarif(report: Report): string {
  return `${JSON.stringify(toSarifLog(report), null, 2)}\n`;
}
