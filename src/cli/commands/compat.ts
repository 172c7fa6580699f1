import {
  type CliMode,
  fails,
  formatCompatJson,
  runCompat,
  toReport,
  verdictLine,
} from "../../compat/command/index.js";
import type { CompatProfile } from "../../compat/is-subset.js";
import type { Severity } from "../../diagnostics/index.js";
import { formatReport, type ReportFormat } from "../../report/index.js";
import { VERSION } from "../../version.js";
import type { CliIo } from "../io.js";

export interface CompatOptions {
  paths: string[];
  against?: string;
  mode?: CliMode;
  failOn: Severity;
  format: ReportFormat;
  profile?: CompatProfile;
  lenient?: boolean;
  acknowledged?: string;
  root?: string;
  config?: string;
}

/** `eventline compat`: 0 compatible, 1 a change at or above --fail-on that is not acknowledged. */
export async function run(options: CompatOptions, io: CliIo): Promise<number> {
  const result = await runCompat({
    paths: options.paths,
    cwd: io.cwd,
    ...(options.against !== undefined ? { against: options.against } : {}),
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.lenient ? { lenient: true } : {}),
    ...(options.acknowledged !== undefined ? { acknowledged: options.acknowledged } : {}),
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  if (options.format === "json") io.stdout(formatCompatJson(result));
  else {
    const body = formatReport(toReport(result, VERSION), options.format, { color: io.color });
    if (options.format === "text") io.stdout(`${body}${verdictLine(result)}\n`);
    else if (options.format === "markdown") io.stdout(`**${verdictLine(result)}**\n\n${body}`);
    else io.stdout(body);
  }
  return fails(result.changes, options.failOn) ? 1 : 0;
}
