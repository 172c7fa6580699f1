import { EventlineError } from "../errors.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatMarkdown, type MarkdownOptions } from "./markdown.js";
import { REPORT_FORMATS, type Report, type ReportFormat } from "./report.js";
import { formatSarif } from "./sarif.js";
import { formatText, type TextOptions } from "./text.js";

export { compatReport, verdictLine, versionsLine } from "./compat.js";
export { consumerLabel, findingText } from "./finding-text.js";
export { escapeData, escapeProperty, formatGithub } from "./github.js";
export {
  formatJson,
  JSON_REPORT_SCHEMA_ID,
  JSON_REPORT_VERSION,
  type JsonReport,
  toJsonReport,
} from "./json.js";
export { DEFAULT_MARKDOWN_MAX_LENGTH, formatMarkdown, type MarkdownOptions } from "./markdown.js";
export {
  type CompatVerdict,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  type RuleInfo,
} from "./report.js";
export {
  EVENTLINE_INFORMATION_URI,
  formatSarif,
  SARIF_FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
  SARIF_URI_BASE_ID,
  type SarifLog,
  toSarifLog,
} from "./sarif.js";
export { formatText, type TextOptions } from "./text.js";

/** Options for every format; each formatter reads only its own. */
export type FormatOptions = TextOptions & MarkdownOptions;

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === "string" && (REPORT_FORMATS as readonly string[]).includes(value);
}

export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case "text":
      return formatText(report, options);
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
    case "markdown":
      return formatMarkdown(report, options);
    default: {
      // Reached only from untyped input (a config file, a plain-JS caller): a usage error, not a bug.
      const unknown: never = format;
      throw new EventlineError("USAGE", `Unknown report format "${String(unknown)}".`, {
        hint: `Use one of: ${REPORT_FORMATS.join(", ")}.`,
      });
    }
  }
}
