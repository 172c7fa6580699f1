import type { Severity } from "../diagnostics/index.js";
import { catalogFromResolvedDocument } from "../model/from-resolved.js";
import type { Catalog } from "../model/types.js";
import { parsePointer } from "../schema/pointer.js";
import { LINT_RULES } from "./registry.js";
import type { LintRule } from "./rule.js";

/** Rules about links between services: one document alone would flag every message. */
export const CATALOG_ONLY_RULES: ReadonlySet<string> = new Set([
  "message-is-consumed",
  "message-is-produced",
]);

interface SpectralResult {
  message: string;
  path: (string | number)[];
}

interface SpectralContext {
  document?: { source?: string | null };
}

type SpectralFunction = (input: unknown, options: unknown, context: SpectralContext) => SpectralResult[];

export interface SpectralRule {
  description: string;
  message: string;
  severity: "error" | "warn" | "info";
  given: string;
  resolved: boolean;
  documentationUrl?: string;
  then: { function: SpectralFunction };
}

const SEVERITY: Record<Severity, SpectralRule["severity"]> = { error: "error", warn: "warn", info: "info" };

/**
 * Eventline's rules as Spectral rules. Each runs on the whole resolved document (`given: $`): the
 * document becomes a one-service catalog (built once per document) and the rule's findings become
 * Spectral results at the same JSON paths.
 */
export function spectralRules(rules: readonly LintRule[] = LINT_RULES): Record<string, SpectralRule> {
  const catalogs = new WeakMap<object, Catalog>();
  const catalogOf = (input: unknown, context: SpectralContext): Catalog => {
    if (input === null || typeof input !== "object") return catalogFromResolvedDocument({}, "document");
    let catalog = catalogs.get(input);
    if (!catalog) {
      catalog = catalogFromResolvedDocument(input, context.document?.source ?? "document");
      catalogs.set(input, catalog);
    }
    return catalog;
  };
  const out: Record<string, SpectralRule> = {};
  for (const rule of rules) {
    if (CATALOG_ONLY_RULES.has(rule.id)) continue;
    out[`eventline-${rule.id}`] = {
      description: rule.description,
      message: "{{error}}",
      severity: SEVERITY[rule.defaultSeverity],
      given: "$",
      resolved: true,
      documentationUrl: `https://eventline.dev/${rule.docs}`,
      // biome-ignore lint/suspicious/noThenProperty: `then` is the name Spectral's rule format requires.
      then: {
        function: (input, _options, context) =>
          rule.check(catalogOf(input, context)).map((finding) => ({
            message: finding.message,
            path: parsePointer(finding.at.pointer + (finding.subPointer ?? "")) ?? [],
          })),
      },
    };
  }
  return out;
}

/** A Spectral ruleset object: `extends` it, or load `eventline/spectral`. */
export function spectralRuleset(): { rules: Record<string, SpectralRule> } {
  return { rules: spectralRules() };
}
