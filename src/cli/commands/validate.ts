import {
  type Diagnostic,
  hasFindingsAtOrAbove,
  type Severity,
  sortDiagnostics,
  summarize,
} from "../../diagnostics/index.js";
import { lintRuleInfo, runLint } from "../../lint/index.js";
import { loadCatalog, resolvePositions } from "../../model/index.js";
import { formatReport, type ReportFormat } from "../../report/index.js";
import { VERSION } from "../../version.js";
import type { CliIo } from "../io.js";

export interface ValidateOptions {
  paths: string[];
  format: ReportFormat;
  /** Overrides `failOn` from the config file. */
  failOn?: Severity;
  root?: string;
  config?: string;
  cache: boolean;
}

/** `eventline validate`: AsyncAPI validity plus Eventline's lint rules. Returns the exit code. */
export async function run(options: ValidateOptions, io: CliIo): Promise<number> {
  const { catalog, config } = await loadCatalog({
    cwd: io.cwd,
    paths: options.paths,
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
    ...(options.cache ? {} : { config: { cache: { enabled: false } } }),
  });
  const findings = [...applySeverities(catalog.diagnostics, config.rules), ...runLint(catalog, config.rules)];
  const diagnostics = sortDiagnostics(resolvePositions(findings, catalog.root, config.limits));
  const output = formatReport(
    {
      tool: { name: "eventline", version: VERSION },
      command: "validate",
      root: catalog.root,
      documents: [...catalog.documents],
      diagnostics,
      summary: summarize(diagnostics),
      rules: lintRuleInfo(),
    },
    options.format,
    { color: io.color },
  );
  io.stdout(output);
  return hasFindingsAtOrAbove(diagnostics, options.failOn ?? config.failOn) ? 1 : 0;
}

/**
 * Parser warnings and infos obey the same per-rule severity settings as lint rules. Errors do not:
 * every load failure (unreadable file, YAML, $ref policy, budgets, parser) is an error, and hiding it
 * would pass a document nothing was checked in.
 */
function applySeverities(
  diagnostics: readonly Diagnostic[],
  rules: Record<string, Severity | "off">,
): Diagnostic[] {
  return diagnostics.flatMap((d) => {
    const setting = rules[d.ruleId];
    if (setting === undefined || d.severity === "error") return [d];
    if (setting === "off") return [];
    return [{ ...d, severity: setting }];
  });
}
